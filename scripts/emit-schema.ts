/**
 * Writes the contract between server and tab, in order (all committed; test/plugin/graphql/sdl-drift.test.ts fails
 * when any is stale):
 *  1. the SDL, schema/azure-relay.graphql, from the type-graphql classes;
 *  2. the tab's typed documents and result types, components/src/generated/graphql.ts, from that SDL and
 *     components/src/graphql/*.graphql (GraphQL Code Generator; fails when a document does not fit the SDL);
 *  3. the error codes, components/src/generated/error-codes.ts, from server/plugin/errors/codes.ts.
 * Run: npm run schema. With `--check`, writes nothing and exits 1 naming each stale file (the drift test runs
 * this in a child process: codegen's dependencies are ES modules jest cannot load). `--documents <dir>` reads the
 * documents from another folder (to show that a broken document fails).
 */
import "reflect-metadata";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { relaySdl } from "../server/plugin/graphql/sdl";
import { ROOT, readClientDocuments } from "./codegen/client-documents";
import { CLIENT_TYPES_FILE, generateClientTypes } from "./codegen/client-types";
import { ERROR_CODES_FILE, generateErrorCodes } from "./codegen/error-codes";

const SDL_FILE = join(ROOT, "schema", "azure-relay.graphql");

async function contractFiles(documentsDir: string | undefined): Promise<Array<[string, string]>> {
  const sdl = relaySdl();
  return [
    [SDL_FILE, sdl],
    [CLIENT_TYPES_FILE, await generateClientTypes(sdl, readClientDocuments(documentsDir))],
    [ERROR_CODES_FILE, generateErrorCodes()],
  ];
}

async function main(args: string[]): Promise<number> {
  const check = args.includes("--check");
  const dirArg = args.indexOf("--documents");
  const files = await contractFiles(dirArg >= 0 ? resolve(args[dirArg + 1]) : undefined);
  if (check) {
    const stale = files.filter(([target, text]) => !existsSync(target) || readFileSync(target, "utf8") !== text);
    for (const [target] of stale) console.error(`stale: ${relative(ROOT, target)} — run npm run schema`);
    return stale.length ? 1 : 0;
  }
  for (const [target, text] of files) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`wrote ${relative(ROOT, target)}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
