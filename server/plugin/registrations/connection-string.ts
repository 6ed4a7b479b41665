/**
 * Azure Relay connection strings (docs/design.md §5): `Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…[;EntityPath=…]`.
 * Every problem is reported at once, each naming its field and saying what would be right; no message ever holds
 * a key or signature; and no input, however long or odd, throws anything but ConnectionStringError.
 */
import { RelayPluginError } from "../errors";
import { credentialProblems, keyNameProblem, keyProblem, signatureProblem } from "./connection-string-credentials";
import { checkEndpoint } from "./connection-string-endpoint";
import type { ConnectionStringProblemCode, ProblemParams } from "./connection-string-problem-texts";
import { type ConnectionStringProblem, type KnownKey, type Segments, WHOLE, problem, readSegments } from "./connection-string-segments";
import { hybridConnectionNameRule } from "./hybrid-connection-name";

export { hybridConnectionNameProblem, isValidHybridConnectionName } from "./hybrid-connection-name";

export type { ConnectionStringProblem } from "./connection-string-segments";
export { CONNECTION_STRING_PROBLEM_TEXTS, type ConnectionStringProblemCode } from "./connection-string-problem-texts";

/** Longest input read at all: Azure's strings are ~200 characters; refusing early bounds the work done on junk. */
export const MAX_CONNECTION_STRING_LENGTH = 4096;

/** A valid connection string, normalised. `key` and `sharedAccessSignature` are secrets: never log or return them. */
export interface ParsedConnectionString {
  /** `sb://host[:port]/`, host lower-cased, default port dropped. */
  endpoint: string;
  /** Lower-cased `host[:port]`, e.g. `contoso.servicebus.windows.net` or `127.0.0.1:9351`. */
  namespace: string;
  /** False only with UseDevelopmentEmulator=true (plain ws:// to a loopback emulator). */
  secure: boolean;
  keyName?: string;
  key?: string;
  sharedAccessSignature?: string;
  entityPath?: string;
  useDevelopmentEmulator: boolean;
}

/** The outcome of {@link checkConnectionString}. */
export type ConnectionStringParse =
  | { ok: true; value: ParsedConnectionString }
  | { ok: false; problems: ConnectionStringProblem[] };

/**
 * A connection string that cannot be used: BAD_USER_INPUT at the `connectionString` input, each problem at its key
 * (`problems`, sent as `extensions.problems`). A member of the plugin's error family, so it reaches the API as is.
 */
export class ConnectionStringError extends RelayPluginError {
  /** Every problem found (problems of form first, then of values, then what is missing); never empty. */
  readonly problems: ConnectionStringProblem[];
  constructor(problems: ConnectionStringProblem[]) {
    const summary = problems.length === 1
      ? problems[0].message
      : `The connection string has ${problems.length} problems: ${problems.map((p) => p.message).join("; ")}`;
    super("BAD_USER_INPUT", summary, WHOLE, { params: { problemCount: problems.length } });
    this.name = "ConnectionStringError";
    this.problems = problems;
  }
}

/** Parses a connection string; throws ConnectionStringError (and nothing else) listing every problem. */
export function parseConnectionString(input: string): ParsedConnectionString {
  const result = checkConnectionString(input);
  if (!result.ok) throw new ConnectionStringError(result.problems);
  return result.value;
}

/** Parses without throwing: the parsed parts, or every problem found. */
export function checkConnectionString(input: string): ConnectionStringParse {
  try {
    return check(input);
  } catch {
    // A bug of ours must not escape as anything but a typed input error. The cause is dropped on purpose:
    // a runtime error's message may quote the input, and the input holds the key.
    return whole("CONNECTION_STRING_UNREADABLE");
  }
}

const MAX_PROBLEMS = 20;

function check(input: unknown): ConnectionStringParse {
  if (typeof input !== "string") return whole("CONNECTION_STRING_NOT_TEXT");
  if (input.length > MAX_CONNECTION_STRING_LENGTH) {
    return whole("CONNECTION_STRING_TOO_LONG", { length: input.length, max: MAX_CONNECTION_STRING_LENGTH });
  }
  let text = input.trim();
  const problems: ConnectionStringProblem[] = [];
  const quoted = /^(["'])(.*)\1$/s.exec(text);
  if (quoted) {
    problems.push(problem(WHOLE, "CONNECTION_STRING_QUOTED"));
    text = quoted[2].trim();
  }
  if (text === "") return whole("CONNECTION_STRING_EMPTY");
  if (/^[; ]*$/.test(text)) return whole("CONNECTION_STRING_NO_PARTS");
  const segments = readSegments(text);
  problems.push(...segments.problems);
  const parsed = checkFields(segments, problems);
  if (problems.length === 0) return { ok: true, value: parsed };
  return { ok: false, problems: cap(scrub(problems, segments.secrets)) };
}

function whole(code: ConnectionStringProblemCode, params?: ProblemParams): ConnectionStringParse {
  return { ok: false, problems: [problem(WHOLE, code, params)] };
}

/** Checks each present value and what is missing; pushes problems, returns the parts (meaningful only without problems). */
function checkFields(segments: Segments, problems: ConnectionStringProblem[]): ParsedConnectionString {
  const get = (key: KnownKey) => (segments.flagged.has(key) ? undefined : segments.values.get(key));
  const report = (field: KnownKey, found: { code: ConnectionStringProblemCode; params?: ProblemParams } | undefined) =>
    void (found && problems.push(problem(field, found.code, found.params)));
  const emulatorText = get("UseDevelopmentEmulator");
  const emulator = emulatorFlag(emulatorText, segments.flagged.has("UseDevelopmentEmulator"));
  if (emulatorText !== undefined && emulator === undefined) report("UseDevelopmentEmulator", { code: "CONNECTION_STRING_EMULATOR_FLAG_INVALID" });
  const parsed: ParsedConnectionString = { endpoint: "", namespace: "", secure: emulator !== true, useDevelopmentEmulator: emulator === true };
  const endpoint = get("Endpoint");
  if (endpoint !== undefined) {
    const result = checkEndpoint(endpoint, emulator);
    if (result.ok) Object.assign(parsed, result.value);
    else result.problems.forEach((found) => report("Endpoint", found));
  }
  parsed.keyName = get("SharedAccessKeyName");
  if (parsed.keyName !== undefined) report("SharedAccessKeyName", keyNameProblem(parsed.keyName));
  parsed.key = get("SharedAccessKey");
  if (parsed.key !== undefined) report("SharedAccessKey", keyProblem(parsed.key));
  parsed.sharedAccessSignature = get("SharedAccessSignature");
  if (parsed.sharedAccessSignature !== undefined) report("SharedAccessSignature", signatureProblem(parsed.sharedAccessSignature));
  parsed.entityPath = get("EntityPath");
  if (parsed.entityPath !== undefined) {
    const broken = hybridConnectionNameRule(parsed.entityPath);
    report("EntityPath", broken && { code: `ENTITY_PATH_${broken.rule}`, params: broken.params });
  }
  if (!segments.values.has("Endpoint")) {
    problems.push(problem("Endpoint", "CONNECTION_STRING_ENDPOINT_MISSING", { field: "Endpoint" }));
  }
  problems.push(...credentialProblems(segments));
  for (const key of ["keyName", "key", "sharedAccessSignature", "entityPath"] as const) if (parsed[key] === undefined) delete parsed[key];
  return parsed;
}

/** true/false, case-insensitive; absent means false; undefined means the value itself is wrong (or already flagged). */
function emulatorFlag(text: string | undefined, flagged: boolean): boolean | undefined {
  if (flagged) return undefined;
  if (text === undefined) return false;
  return /^true$/i.test(text) ? true : /^false$/i.test(text) ? false : undefined;
}

/** Belt and braces beside echoName(): a message or param must never carry a secret value, whatever rule produced it. */
function scrub(problems: ConnectionStringProblem[], secrets: string[]): ConnectionStringProblem[] {
  // Short values are skipped: hiding "true" would garble messages, and no key or signature is that short.
  const long = secrets.filter((secret) => secret.length >= 16);
  const hide = (text: string) => long.reduce((out, secret) => out.split(secret).join("[hidden]"), text);
  const hideParams = (params: ProblemParams) =>
    Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === "string" ? hide(value) : value]));
  return problems.map((p) => ({ ...p, field: hide(p.field) === p.field ? p.field : WHOLE, params: hideParams(p.params), message: hide(p.message) }));
}

function cap(problems: ConnectionStringProblem[]): ConnectionStringProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS - 1), problem(WHOLE, "CONNECTION_STRING_MORE_PROBLEMS", { count: problems.length - MAX_PROBLEMS + 1 })];
}
