/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and must not be forwarded by a proxy, in either
 * direction. The relay already terminates the sender's connection; our hop to the target is a different one.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

const ALWAYS_HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

const NONE: ReadonlySet<string> = new Set();
const PLAIN_CONNECTION = /^\s*(keep-alive|close)\s*$/i;

/** The lower-cased names listed in a Connection header value (those are hop-by-hop too). */
function connectionTokens(value: string | string[] | undefined): ReadonlySet<string> {
  // The usual cases, with no Set or arrays per request: none, or only "keep-alive"/"close" (which name no header
  // beyond the always-dropped Keep-Alive).
  if (value === undefined || (typeof value === "string" && PLAIN_CONNECTION.test(value))) return NONE;
  const joined = Array.isArray(value) ? value.join(",") : value ?? "";
  return new Set(joined.split(",").map((t) => t.trim().toLowerCase()).filter(Boolean));
}

export function isHopByHop(name: string, listedInConnection: ReadonlySet<string> = NONE): boolean {
  const lower = name.toLowerCase();
  return ALWAYS_HOP_BY_HOP.has(lower) || lower.startsWith("proxy-") || listedInConnection.has(lower);
}

/**
 * A copy of `headers` without hop-by-hop fields and without the names in `alsoDrop` (lower-case).
 * Names are lower-cased (Node gives them so already); values are kept as they are.
 */
export function endToEndHeaders(
  headers: IncomingHttpHeaders | OutgoingHttpHeaders,
  alsoDrop: readonly string[] = [],
): OutgoingHttpHeaders {
  const listed = connectionTokens(headers["connection"] as string | string[] | undefined);
  const out: OutgoingHttpHeaders = {};
  // A plain loop over own keys, `includes` on the few dropped names: no entry arrays or Sets per request.
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    const lower = name.toLowerCase();
    if (value === undefined || alsoDrop.includes(lower) || isHopByHop(lower, listed)) continue;
    out[lower] = value;
  }
  return out;
}
