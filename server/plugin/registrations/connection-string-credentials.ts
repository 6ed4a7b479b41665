/**
 * The credential fields of a connection string: either SharedAccessKeyName + SharedAccessKey, or a
 * SharedAccessSignature. Problems name what is wrong (length, alphabet, missing parameter), never a value.
 */
import type { ConnectionStringProblemCode, ProblemParams } from "./connection-string-problem-texts";
import { problem, type ConnectionStringProblem, type KnownKey, type Segments } from "./connection-string-segments";

/** A problem of one value: its code and the values its text needs. */
export interface ValueProblem {
  code: ConnectionStringProblemCode;
  params?: ProblemParams;
}

/** Which credential is missing, or conflicting (checked on presence, not on value). */
export function credentialProblems(segments: Segments): ConnectionStringProblem[] {
  const has = (key: KnownKey) => segments.values.has(key);
  const problems: ConnectionStringProblem[] = [];
  if (has("SharedAccessSignature")) {
    if (has("SharedAccessKeyName") || has("SharedAccessKey")) problems.push(problem("SharedAccessSignature", "CONNECTION_STRING_SIGNATURE_WITH_KEY"));
    return problems;
  }
  if (!has("SharedAccessKeyName")) problems.push(problem("SharedAccessKeyName", "CONNECTION_STRING_KEY_NAME_MISSING", { field: "SharedAccessKeyName" }));
  if (!has("SharedAccessKey")) problems.push(problem("SharedAccessKey", "CONNECTION_STRING_KEY_MISSING", { field: "SharedAccessKey" }));
  return problems;
}

/** Azure's policy (rule) names: up to 256 letters, digits, '.', '-', '_'. */
export function keyNameProblem(name: string): ValueProblem | undefined {
  if (name.length > 256) return { code: "KEY_NAME_TOO_LONG", params: { max: 256 } };
  if (/[^A-Za-z0-9._-]/.test(name)) return { code: "KEY_NAME_CHARACTERS" };
  return undefined;
}

/** Azure keys are 256 random bits in base64: 43 characters and one '=' of padding. (Saying the length leaks nothing.) */
export function keyProblem(key: string): ValueProblem | undefined {
  if (/^[A-Za-z0-9+/]{43}=$/.test(key)) return undefined;
  return /^[A-Za-z0-9+/]*={0,2}$/.test(key) ? { code: "KEY_LENGTH", params: { length: key.length } } : { code: "KEY_ALPHABET" };
}

/** `SharedAccessSignature sr=…&sig=…&se=…[&skn=…]`; names the missing parameter, never a value. */
export function signatureProblem(token: string): ValueProblem | undefined {
  const body = /^SharedAccessSignature (\S+)$/.exec(token)?.[1];
  if (body === undefined) return { code: "SIGNATURE_FORM" };
  const params = new Map(body.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    return eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
  }));
  const missing = ["sr", "sig", "se"].filter((name) => !params.get(name));
  if (missing.length) return { code: "SIGNATURE_INCOMPLETE", params: { missing: missing.join(", ") } };
  if (!/^\d+$/.test(params.get("se") ?? "")) return { code: "SIGNATURE_EXPIRY" };
  return undefined;
}
