import "reflect-metadata";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { relaySdl } from "../../../server/plugin/graphql/sdl";

describe("committed GraphQL SDL", () => {
  test("schema/azure-relay.graphql matches the type-graphql classes (run `npm run schema` after changing them)", () => {
    const committed = readFileSync(join(__dirname, "../../../schema/azure-relay.graphql"), "utf8");
    expect(committed).toBe(relaySdl());
  });

  test("no output type exposes a key, token or connection string", () => {
    const sdl = relaySdl();
    const outputTypes = sdl.split(/\n(?=type |input |enum |scalar )/).filter((block) => block.startsWith("type "));
    for (const block of outputTypes) {
      expect(block).not.toMatch(/^\s+(key|sharedAccessKey|connectionString|token|sealedKey)\b/im);
    }
    expect(sdl).toMatch(/input AddRelayRegistrationInput[^}]*connectionString: String!/s);
  });
});
