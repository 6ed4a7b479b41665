/**
 * SAS verification as the relay does it (relay-protocol-notes.md §2): HMAC-SHA256 over the RAW `sr` value + "\n" + `se`, keyed with the
 * UTF-8 text of the key; expiry (and not too far ahead); a loose audience match; rights. Never logs or echoes the
 * token. Every malformed token is a 401 answer, never an exception (docs/security/emulator-sas.md).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { AccessRight, EmulatorNamespace, hasRight, SasRule } from "./namespace";
import { claimMissing, REASONS } from "./relay-errors";

export interface ParsedSasToken {
  /** Still URL-encoded, exactly as in the token. */
  sr: string;
  sig: string;
  se: number;
  skn: string;
}
export type SasOutcome =
  | { ok: true; rule: SasRule; expiresAtMs: number }
  | { ok: false; status: 401 | 403; reason: string };

export interface SasCheck {
  hybridConnection: string;
  right: AccessRight;
  /** Hosts (lower case, no port) a token's audience may name besides the namespace FQDN. */
  hosts: string[];
  nowMs?: number;
  /** Furthest ahead `se` may lie, in seconds; default MAX_TOKEN_LIFETIME_SECONDS (365 days). */
  maxLifetimeSeconds?: number;
}

/**
 * Furthest ahead a token's expiry (`se`) may lie: 365 days. Azure documents no ceiling, but a token
 * that outlives any key rotation is a leaked key in disguise; our own clients ask for 1-2 hours.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 365 * 24 * 60 * 60;

export const EXPIRY_TOO_FAR = `InvalidToken: The token expiry (se) is more than ${MAX_TOKEN_LIFETIME_SECONDS / 86400} days ahead.`;

const REQUIRED_FIELDS = ["sr", "sig", "se", "skn"] as const;

/**
 * `SharedAccessSignature sr=…&sig=…&se=…&skn=…` (any order, names without case) → its fields, or undefined when
 * malformed: a field missing, empty or given twice (which one would count?), a pair without `=`, bad
 * percent-encoding, or `se` not a plain number of seconds (no sign, no leading zero, at most 12 digits).
 */
export function parseSasToken(token: string): ParsedSasToken | undefined {
  const m = /^\s*SharedAccessSignature\s+(\S+)\s*$/i.exec(token);
  if (!m) return undefined;
  const fields = new Map<string, string>();
  for (const pair of m[1].split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).toLowerCase();
    if (eq <= 0 || fields.has(name)) return undefined;
    fields.set(name, pair.slice(eq + 1));
  }
  const [sr, sig, se, skn] = REQUIRED_FIELDS.map((k) => fields.get(k));
  if (!sr || !sig || !se || !skn || !/^[1-9]\d{0,11}$/.test(se) || percentDecoded(sr) === undefined) return undefined;
  // Percent-decoding only: '+' stays '+' (a base64 character).
  const [signature, keyName] = [percentDecoded(sig), percentDecoded(skn)];
  if (signature === undefined || keyName === undefined) return undefined;
  return { sr, sig: signature, se: Number(se), skn: keyName };
}

function percentDecoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The signature must be canonical base64 of 32 bytes (so no two spellings pass); compared in constant time. */
function signatureMatches(t: ParsedSasToken, key: string): boolean {
  const given = Buffer.from(t.sig, "base64");
  if (given.length !== 32 || given.toString("base64") !== t.sig) return false;
  const expected = createHmac("sha256", key).update(`${t.sr}\n${t.se}`).digest();
  return timingSafeEqual(given, expected);
}

/** Ignore scheme and port; host and path compared without case and trailing '/'; the token path may be a segment prefix. */
export function audienceCovers(srRaw: string, hybridConnection: string, hosts: string[]): boolean {
  let url: URL;
  let tokenPath: string[];
  const segs = (p: string) => p.toLowerCase().split("/").filter(Boolean);
  try {
    const decoded = decodeURIComponent(srRaw);
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(decoded) ? decoded : `http://${decoded}`);
    // Some clients keep the `$hc/` of the listen URI in the audience; the relay treats it as the entity path.
    tokenPath = segs(decodeURIComponent(url.pathname)).filter((s, i) => !(i === 0 && s === "$hc"));
  } catch {
    return false;
  }
  if (!hosts.includes(url.hostname.toLowerCase())) return false;
  const entityPath = segs(hybridConnection);
  return tokenPath.length <= entityPath.length && tokenPath.every((s, i) => s === entityPath[i]);
}

/** Checks a token for `check`; answers 401/403 with the relay's reason for every bad token, and never throws on one. */
export function verifySasToken(ns: EmulatorNamespace, token: string | undefined, check: SasCheck): SasOutcome {
  if (!token) return { ok: false, status: 401, reason: REASONS.missingToken };
  const parsed = parseSasToken(token);
  if (!parsed) return { ok: false, status: 401, reason: REASONS.malformedToken };
  const rule = ns.rulesFor(check.hybridConnection).find((r) => r.name === parsed.skn);
  // Unknown key name and wrong key look the same from outside (relay-protocol-notes.md §2).
  if (!rule || !(signatureMatches(parsed, rule.primaryKey) || signatureMatches(parsed, rule.secondaryKey))) {
    return { ok: false, status: 401, reason: REASONS.invalidSignature };
  }
  const expiresAtMs = parsed.se * 1000;
  const nowMs = check.nowMs ?? Date.now();
  if (expiresAtMs <= nowMs) return { ok: false, status: 401, reason: REASONS.expiredToken };
  if (expiresAtMs - nowMs > (check.maxLifetimeSeconds ?? MAX_TOKEN_LIFETIME_SECONDS) * 1000) {
    return { ok: false, status: 401, reason: EXPIRY_TOO_FAR };
  }
  if (!audienceCovers(parsed.sr, check.hybridConnection, [...check.hosts, ns.fqdn])) {
    return { ok: false, status: 401, reason: REASONS.invalidAudience };
  }
  if (!hasRight(rule, check.right)) return { ok: false, status: 403, reason: claimMissing(check.right) };
  return { ok: true, rule, expiresAtMs };
}
