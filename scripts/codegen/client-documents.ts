/**
 * The tab's GraphQL documents (components/src/graphql/*.graphql): read, parsed and validated against the SDL.
 * All files form one document (a fragment of one file may be used in another), but every problem names its file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { GraphQLError, Kind, Source, buildSchema, parse, validate, type DefinitionNode, type DocumentNode } from "graphql";

export const ROOT = join(__dirname, "..", "..");
/** Where the documents live; one file per concern of the tab. */
export const CLIENT_DOCUMENTS_DIR = join(ROOT, "components", "src", "graphql");

/** One document file: its path relative to the repository and its text. */
export interface ClientDocument {
  location: string;
  text: string;
}

export function readClientDocuments(dir: string = CLIENT_DOCUMENTS_DIR): ClientDocument[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".graphql"))
    .sort()
    .map((name) => ({ location: relative(ROOT, join(dir, name)), text: readFileSync(join(dir, name), "utf8") }));
}

/** Each document parsed, its nodes pointing at its own source (so errors name the file). */
export interface ParsedDocuments {
  files: Array<{ location: string; document: DocumentNode }>;
  problems: string[];
}

export function parseClientDocuments(documents: readonly ClientDocument[]): ParsedDocuments {
  const files: ParsedDocuments["files"] = [];
  const problems: string[] = [];
  for (const { location, text } of documents) {
    try {
      files.push({ location, document: parse(new Source(text, location)) });
    } catch (error) {
      problems.push(describe(error));
    }
  }
  return { files, problems };
}

/**
 * Every problem of the documents against the SDL, as `file:line:column message`; empty when they are valid.
 * This is what the drift test and `npm run schema` use, so a document that does not fit the schema fails both.
 */
export function documentProblems(sdl: string, documents: readonly ClientDocument[]): string[] {
  const { files, problems } = parseClientDocuments(documents);
  if (problems.length) return problems;
  const definitions: DefinitionNode[] = files.flatMap((file) => file.document.definitions);
  const merged: DocumentNode = { kind: Kind.DOCUMENT, definitions };
  return validate(buildSchema(sdl), merged).map(describe);
}

function describe(error: unknown): string {
  if (!(error instanceof GraphQLError)) return String(error);
  const where = error.source && error.locations?.[0] ? `${error.source.name}:${error.locations[0].line}:${error.locations[0].column} ` : "";
  return `${where}${error.message}`;
}
