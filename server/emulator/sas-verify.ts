/**
 * SAS verification as the relay does it (brief §2): HMAC-SHA256 over the RAW `sr` value + "\n" + `se`, keyed with the
 * UTF-8 text of the key; expiry; a loose audience match; rights. Never logs or echoes the token.
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
}

export function parseSasToken(token: string): ParsedSasToken | undefined {
  const m = /^\s*SharedAccessSignature\s+(.+)$/i.exec(token);
  if (!m) return undefined;
  const fields = new Map<string, string>();
  for (const pair of m[1].trim().split("&")) {
    const eq = pair.indexOf("=");
    if (eq > 0) fields.set(pair.slice(0, eq).toLowerCase(), pair.slice(eq + 1));
  }
  const [sr, sig, se, skn] = ["sr", "sig", "se", "skn"].map((k) => fields.get(k));
  if (!sr || !sig || !se || !skn || !/^\d+$/.test(se)) return undefined;
  try {
    // Percent-decoding only: '+' stays '+' (a base64 character).
    return { sr, sig: decodeURIComponent(sig), se: Number(se), skn: decodeURIComponent(skn) };
  } catch {
    return undefined;
  }
}

function signatureMatches(t: ParsedSasToken, key: string): boolean {
  const expected = createHmac("sha256", key).update(`${t.sr}\n${t.se}`).digest();
  const given = Buffer.from(t.sig, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Ignore scheme and port; host and path compared without case and trailing '/'; the token path may be a segment prefix. */
export function audienceCovers(srRaw: string, hybridConnection: string, hosts: string[]): boolean {
  let url: URL;
  try {
    const decoded = decodeURIComponent(srRaw);
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(decoded) ? decoded : `http://${decoded}`);
  } catch {
    return false;
  }
  if (!hosts.includes(url.hostname.toLowerCase())) return false;
  const segs = (p: string) => p.toLowerCase().split("/").filter(Boolean);
  // Some clients keep the `$hc/` of the listen URI in the audience; the relay treats it as the entity path.
  const tokenPath = segs(decodeURIComponent(url.pathname)).filter((s, i) => !(i === 0 && s === "$hc"));
  const entityPath = segs(hybridConnection);
  return tokenPath.length <= entityPath.length && tokenPath.every((s, i) => s === entityPath[i]);
}

export function verifySasToken(ns: EmulatorNamespace, token: string | undefined, check: SasCheck): SasOutcome {
  if (!token) return { ok: false, status: 401, reason: REASONS.missingToken };
  const parsed = parseSasToken(token);
  if (!parsed) return { ok: false, status: 401, reason: REASONS.malformedToken };
  const rule = ns.rulesFor(check.hybridConnection).find((r) => r.name === parsed.skn);
  // Unknown key name and wrong key look the same from outside (brief §2).
  if (!rule || !(signatureMatches(parsed, rule.primaryKey) || signatureMatches(parsed, rule.secondaryKey))) {
    return { ok: false, status: 401, reason: REASONS.invalidSignature };
  }
  const expiresAtMs = parsed.se * 1000;
  if (expiresAtMs <= (check.nowMs ?? Date.now())) return { ok: false, status: 401, reason: REASONS.expiredToken };
  if (!audienceCovers(parsed.sr, check.hybridConnection, [...check.hosts, ns.fqdn])) {
    return { ok: false, status: 401, reason: REASONS.invalidAudience };
  }
  if (!hasRight(rule, check.right)) return { ok: false, status: 403, reason: claimMissing(check.right) };
  return { ok: true, rule, expiresAtMs };
}
