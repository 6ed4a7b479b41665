/**
 * The diagnostics bundle's last line of defence (docs/operations.md, Diagnostics): a deep copy in which every
 * value under a secret-sounding key, every secret-shaped string (connection string with a key, SAS token, `sig=`,
 * a bare 256-bit base64 key) and every known secret value (the webhook secret, a proxy password) is replaced.
 * The bundle is built from public views already; this pass makes a slip in any of them harmless.
 */
export const REDACTED = "[REDACTED]";
/** What a settings view shows for a secret that is set; kept as is under a secret key. */
export const SET_MARKER = "(set)";

/** Keys whose values are never shown, whatever they hold (compared without case, `_` and `-`). */
const SECRET_KEYS = /^(.*(secret|password|passwd|pwd|token|sharedaccesskey|sealedkey|connectionstring|authorization|cookie|apikey|privatekey).*|key|sig)$/;
/** Keys that sound secret but hold only public facts. */
const PUBLIC_KEYS = new Set(["keyname", "keyfingerprint", "hassendconnectionstring", "tokenlifetimeseconds", "tokenrenewals"]);

const SECRET_TEXT: readonly RegExp[] = [
  /Endpoint\s*=\s*sb:\/\/[^\s"'`]*(SharedAccessKey|SharedAccessSignature)\s*=[^\s"'`]*/gi,
  /SharedAccessSignature\s*[= ]\s*[^\s"'`;]*\b(sr|sig|se|skn)=[^\s"'`;]*/gi,
  /(SharedAccessKey|AccountKey|Password|Pwd)\s*=\s*[^;\s"'`&]+/gi,
  /\b(sig|sb-hc-token|token|code|key|secret|password)=[^&\s"'`;]+/gi,
  /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
];

/**
 * A `Name: value` line whose name sounds secret (a journal's headers as text): the bundle goes to a third party, so it
 * is stricter than the journal's own list (which an admin may have left showing e.g. `X-Api-Key`).
 */
const SECRET_HEADER_LINE = /^([\w-]*(?:key|token|secret|auth|cookie|session|passw|signature)[\w-]*):[ \t]*[^\n]*/gim;

export function redactText(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  for (const pattern of SECRET_TEXT) out = out.replace(pattern, REDACTED);
  return out.replace(SECRET_HEADER_LINE, `$1: ${REDACTED}`);
}

/** A JSON-safe deep copy of `value` with secrets replaced (Dates become ISO strings). */
export function redactDeep(value: unknown, knownSecrets: readonly string[] = [], depth = 0): unknown {
  if (depth > 20) return "[TOO DEEP]";
  if (typeof value === "string") return redactText(value, knownSecrets);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, knownSecrets, depth + 1));
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? value.toString() : value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const hidden = isSecretKey(key) && item !== null && item !== undefined && typeof item !== "boolean" && item !== SET_MARKER;
    out[key] = hidden ? REDACTED : redactDeep(item, knownSecrets, depth + 1);
  }
  return out;
}

function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_]/g, "");
  return !PUBLIC_KEYS.has(k) && SECRET_KEYS.test(k);
}
