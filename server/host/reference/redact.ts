/**
 * Secret redaction for log lines: anything shaped like a SAS key, SAS token or connection string
 * is replaced by a marker before it is written, in messages and (recursively) in structured fields.
 */

export const REDACTED = "[REDACTED]";

// Order matters: whole connection strings first, so their parts are not redacted piecemeal into noise.
const PATTERNS: readonly RegExp[] = [
  // A connection string: Endpoint=sb://… up to the end of the `;`-separated key/value run.
  /Endpoint\s*=\s*sb:\/\/[^\s"'`]*/gi,
  // A SAS token: "SharedAccessSignature sr=…&sig=…&se=…&skn=…" (whole token up to whitespace or quote).
  /SharedAccessSignature\s*[= ]\s*[^\s"'`;]+/gi,
  // Key/value pairs that carry a secret in any other context.
  /(SharedAccessKey|AccountKey|Password|Pwd)\s*=\s*[^;\s"'`&]+/gi,
  // A signature query parameter.
  /\bsig=[^&\s"'`;]+/gi,
  // A bare 256-bit key: 44 base64 characters ending in "=".
  /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/g,
];

/** `text` with every secret-shaped run replaced by `[REDACTED]` (keeping the key name of a key/value pair). */
export function redactText(text: string): string {
  let out = text;
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match: string, name?: string) =>
      typeof name === "string" && /^(SharedAccessKey|AccountKey|Password|Pwd)$/i.test(name) ? `${name}=${REDACTED}` : REDACTED,
    );
  }
  return out;
}

/** A deep copy of `value` with every string redacted; Errors become `{ name, message, stack }`, cycles are cut. */
export function redactValue(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? value.toString() : value;
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  if (value instanceof Error) {
    return { name: value.name, message: redactText(value.message), stack: value.stack ? redactText(value.stack) : undefined };
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretFieldName(key) && item != null ? REDACTED : redactValue(item, seen);
  }
  return out;
}

/** Field names whose values are secrets whatever they look like. */
function isSecretFieldName(key: string): boolean {
  return /^(connectionString|sharedAccessKey|key|password|token|secret|authorization|cookie)$/i.test(key);
}
