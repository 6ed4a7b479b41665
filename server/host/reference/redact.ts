/**
 * Secret redaction for log lines: anything shaped like a SAS key, SAS token or connection string
 * is replaced by a marker before it is written, in messages and (recursively) in structured fields.
 * It acts on secrets, not on words: an `Endpoint=sb://…` without a key or signature (the example in a parser
 * message, "starts with Endpoint=sb://<namespace>…") and the word "SharedAccessSignature" in a sentence stay.
 */

export const REDACTED = "[REDACTED]";

// Order matters: whole connection strings first, so their parts are not redacted piecemeal into noise.
const PATTERNS: readonly RegExp[] = [
  // A connection string: Endpoint=sb://… up to the end of the `;`-separated key/value run (redacted only when it
  // carries a key or signature: see SECRET_PART).
  /Endpoint\s*=\s*sb:\/\/[^\s"'`]*/gi,
  // A SAS token: "SharedAccessSignature sr=…&sig=…&se=…&skn=…" (whole token up to whitespace or quote); the value
  // must hold one of the token's fields, so "SharedAccessSignature cannot be combined…" is a sentence, not a token.
  /SharedAccessSignature\s*[= ]\s*(?=[^\s"'`;]*\b(?:sr|sig|se|skn)=)[^\s"'`;]+/gi,
  // Key/value pairs that carry a secret in any other context.
  /(SharedAccessKey|AccountKey|Password|Pwd)\s*=\s*[^;\s"'`&]+/gi,
  // A signature query parameter.
  /\bsig=[^&\s"'`;]+/gi,
  // A bare 256-bit key: 44 base64 characters ending in "=".
  /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/g,
];

/** What makes a connection string secret: its key or its signature (the endpoint and key name are not). */
const SECRET_PART = /(SharedAccessKey|SharedAccessSignature|AccountKey|Password|Pwd)\s*=|\bsig=/i;

/** `…`, `...`, `<signature>`: how a message writes an example's value — a placeholder, never a secret. */
const PLACEHOLDER = /^(…|\.\.\.|<[^<>]*>)$/;

/** True when the secret-bearing value inside `match` (the signature, or the value of a key/value pair) is a placeholder. */
function onlyPlaceholders(match: string): boolean {
  const signature = /\bsig=([^&\s"'`;]*)/i.exec(match)?.[1];
  if (signature !== undefined) return PLACEHOLDER.test(signature);
  const value = /=\s*([^;\s"'`&]+)$/.exec(match)?.[1];
  return value !== undefined && PLACEHOLDER.test(value);
}

/** `text` with every secret-shaped run replaced by `[REDACTED]` (keeping the key name of a key/value pair). */
export function redactText(text: string): string {
  let out = text;
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match: string, name?: string) => {
      if (pattern === PATTERNS[0] && !SECRET_PART.test(match)) return match;
      if (pattern !== PATTERNS[0] && onlyPlaceholders(match)) return match;
      return typeof name === "string" && /^(SharedAccessKey|AccountKey|Password|Pwd)$/i.test(name) ? `${name}=${REDACTED}` : REDACTED;
    });
  }
  return out;
}

/**
 * A deep copy of `value` with every string redacted; Errors become `{ name, message, stack }`, cycles are cut.
 * A field whose name is secret (`isSecretFieldName`, or one of `secretNames`) loses its value whatever its shape.
 */
export function redactValue(value: unknown, seen: WeakSet<object> = new WeakSet(), secretNames?: ReadonlySet<string>): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? value.toString() : value;
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  if (value instanceof Error) {
    return { name: value.name, message: redactText(value.message), stack: value.stack ? redactText(value.stack) : undefined };
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen, secretNames));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = (isSecretFieldName(key) || secretNames?.has(key)) && item != null ? REDACTED : redactValue(item, seen, secretNames);
  }
  return out;
}

/**
 * Field names whose values are secrets whatever they look like: the names of every field the plugin schema marks
 * `@secret` (connectionString, clientSecret, token; test/host/secret-fields.test.ts cross-checks them), plus the
 * usual credential names. A name ending in one of these counts too (accessToken, sasToken, primaryKey); names that
 * only describe a secret (keyName, keyFingerprint, secretFingerprint) do not.
 */
export function isSecretFieldName(key: string): boolean {
  return /(^|[a-z0-9_-])(connectionString|sharedAccessKey|accountKey|key|password|pwd|token|secret|clientSecret|authorization|cookie|signature)$/i.test(key);
}

/**
 * `text` with each occurrence of the secret `value` replaced by `[REDACTED]`. A short value (under 4 characters:
 * `1`, `ab`) is replaced only where messages print the offending value — at the very end — so unrelated
 * characters of the message survive.
 */
export function maskValueIn(text: string, value: string): string {
  if (value === "") return text;
  if (value.length >= 4) return text.split(value).join(REDACTED);
  return text.endsWith(value) ? text.slice(0, text.length - value.length) + REDACTED : text;
}
