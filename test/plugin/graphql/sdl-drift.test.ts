import "reflect-metadata";
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { relaySdl } from "../../../server/plugin/graphql/sdl";
import { ROOT, documentProblems, readClientDocuments, type ClientDocument } from "../../../scripts/codegen/client-documents";
import { ERROR_CODES_FILE, generateErrorCodes } from "../../../scripts/codegen/error-codes";

/**
 * `npm run schema -- --check` in a child process: GraphQL Code Generator's dependencies include ES modules that
 * jest's CommonJS runtime cannot load, and this also runs the very command developers run.
 */
async function schemaCheck(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await promisify(execFile)(process.execPath, ["-r", "@swc-node/register", "scripts/emit-schema.ts", "--check", ...args], { cwd: ROOT });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: String(failed.stderr ?? "") };
  }
}

/** Runs `npm run schema -- --check --documents <copy>` on a copy of the tab's documents plus one extra file. */
async function checkWithExtraDocument(name: string, text: string): Promise<{ code: number; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), "relay-documents-"));
  try {
    for (const document of readClientDocuments()) copyFileSync(join(ROOT, document.location), join(dir, basename(document.location)));
    writeFileSync(join(dir, name), text);
    return await schemaCheck("--documents", dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const committedSdl = readFileSync(join(__dirname, "../../../schema/azure-relay.graphql"), "utf8");

describe("committed GraphQL SDL", () => {
  test("schema/azure-relay.graphql matches the type-graphql classes (run `npm run schema` after changing them)", () => {
    expect(committedSdl).toBe(relaySdl());
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

describe("the tab's documents and generated types (components/src/graphql, components/src/generated)", () => {
  const documents = readClientDocuments();

  test("every document of the tab validates against the SDL", () => {
    expect(documents.map((d) => d.location).sort()).toEqual(expect.arrayContaining(["components/src/graphql/registrations.graphql", "components/src/graphql/azure.graphql", "components/src/graphql/status.graphql"]));
    expect(documentProblems(committedSdl, documents)).toEqual([]);
  });

  test("components/src/generated/graphql.ts is what codegen makes of the SDL and the documents (run `npm run schema`)", async () => {
    expect(await schemaCheck()).toEqual({ code: 0, stderr: "" });
  }, 60_000);

  test("the check fails on a stale generated file: a document changed but not regenerated", async () => {
    const result = await checkWithExtraDocument("extra.graphql", "query ExtraForDriftTest { relayRegistrations { id } }\n");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("stale: components/src/generated/graphql.ts");
  }, 60_000);

  test("components/src/generated/error-codes.ts lists the plugin's codes (run `npm run schema`)", () => {
    expect(readFileSync(ERROR_CODES_FILE, "utf8")).toBe(generateErrorCodes());
  });

  describe("a deliberately broken document fails, naming its file and line", () => {
    const broken = (text: string): ClientDocument[] => [...documents, { location: "components/src/graphql/broken.graphql", text }];

    test.each([
      ["a field the schema does not have", "query Broken {\n  relayRegistrations { id noSuchField }\n}", /broken\.graphql:2:\d+ Cannot query field "noSuchField" on type "RelayRegistration"/],
      ["a variable of the wrong type", "mutation Broken($id: Int!) { removeRelayRegistration(id: $id) }", /broken\.graphql:1:\d+ Variable "\$id" of type "Int!" used in position expecting type "ID!"/],
      ["an unknown fragment", "query Broken { relayRegistrations { ...Missing } }", /broken\.graphql:1:\d+ Unknown fragment "Missing"/],
      ["a syntax error", "query Broken { relayRegistrations { id }", /broken\.graphql:1:\d+ Syntax Error/],
    ])("%s", (_case, text, expected) => {
      expect(documentProblems(committedSdl, broken(text))).toEqual([expect.stringMatching(expected)]);
    });

    test("and `npm run schema` refuses to generate from it", async () => {
      const result = await checkWithExtraDocument("broken.graphql", "query Broken {\n  relayRegistrations { id noSuchField }\n}\n");
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/do not fit schema\/azure-relay\.graphql:\n.*broken\.graphql:2:\d+ Cannot query field "noSuchField" on type "RelayRegistration"/);
    }, 60_000);

    test("a field removed from the SDL breaks the document that uses it", () => {
      const withoutKeyRights = committedSdl.replace(/\n\s*"""\n\s*Rights of the registration's rule[^"]*"""\n\s*keyRights: \[String!\]\n/, "\n");
      expect(withoutKeyRights).not.toContain("keyRights");
      expect(documentProblems(withoutKeyRights, documents)).toEqual([expect.stringMatching(/azure\.graphql:\d+:\d+ Cannot query field "keyRights" on type "RelayRegistration"/)]);
    });
  });
});
