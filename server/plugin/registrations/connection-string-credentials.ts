/**
 * The credential fields of a connection string: either SharedAccessKeyName + SharedAccessKey, or a
 * SharedAccessSignature. Messages name what is wrong (length, alphabet, missing parameter), never a value.
 */
import type { ConnectionStringProblem, KnownKey, Segments } from "./connection-string-segments";

/** Which credential is missing, or conflicting (checked on presence, not on value). */
export function credentialProblems(segments: Segments): ConnectionStringProblem[] {
  const has = (key: KnownKey) => segments.values.has(key);
  const problems: ConnectionStringProblem[] = [];
  if (has("SharedAccessSignature")) {
    if (has("SharedAccessKeyName") || has("SharedAccessKey")) {
      problems.push({ field: "SharedAccessSignature", message: "SharedAccessSignature cannot be combined with SharedAccessKeyName/SharedAccessKey — use either the key pair or the signature" });
    }
    return problems;
  }
  const alternative = "(or give a SharedAccessSignature instead of a key)";
  if (!has("SharedAccessKeyName")) problems.push({ field: "SharedAccessKeyName", message: `SharedAccessKeyName is missing — add the policy name, e.g. SharedAccessKeyName=RootManageSharedAccessKey ${alternative}` });
  if (!has("SharedAccessKey")) problems.push({ field: "SharedAccessKey", message: `SharedAccessKey is missing — add the policy's Primary key ${alternative}` });
  return problems;
}

/** Azure's policy (rule) names: up to 256 letters, digits, '.', '-', '_'. */
export function keyNameProblem(name: string): string | undefined {
  if (name.length > 256) return "SharedAccessKeyName must be at most 256 characters";
  if (/[^A-Za-z0-9._-]/.test(name)) return "SharedAccessKeyName may contain only letters, digits, '.', '-' and '_' — use the policy name from Shared access policies";
  return undefined;
}

/** Azure keys are 256 random bits in base64: 43 characters and one '=' of padding. (Saying the length leaks nothing.) */
export function keyProblem(key: string): string | undefined {
  if (/^[A-Za-z0-9+/]{43}=$/.test(key)) return undefined;
  const what = /^[A-Za-z0-9+/]*={0,2}$/.test(key) ? `this one has ${key.length} characters` : "this one has characters outside base64";
  return `SharedAccessKey must be base64 of 32 bytes (44 characters ending in '='), ${what} — copy the Primary key from Shared access policies`;
}

/** `SharedAccessSignature sr=…&sig=…&se=…[&skn=…]`; names the missing parameter, never a value. */
export function signatureProblem(token: string): string | undefined {
  const body = /^SharedAccessSignature (\S+)$/.exec(token)?.[1];
  if (body === undefined) return "SharedAccessSignature must be a token of the form 'SharedAccessSignature sr=…&sig=…&se=…&skn=…'";
  const params = new Map(body.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    return eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
  }));
  const missing = ["sr", "sig", "se"].filter((name) => !params.get(name));
  if (missing.length) return `SharedAccessSignature lacks ${missing.join(", ")} — generate the token again`;
  if (!/^\d+$/.test(params.get("se") ?? "")) return "SharedAccessSignature's se (expiry) must be whole seconds since 1970";
  return undefined;
}
