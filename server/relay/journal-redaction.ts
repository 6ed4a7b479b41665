/**
 * What the request journal never records (docs/security/request-journal.md): credentials in headers, query values
 * (by default) and anything shaped like a SAS signature or key in any value. Runs in the worker, so nothing of it
 * ever crosses to the control plane. Pure functions over strings; cheap enough for every request.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import { isHopByHop } from "./hop-by-hop";

/** Header names never recorded, whatever the settings (lower case). */
export const NEVER_RECORDED_HEADERS: readonly string[] = [
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "servicebusauthorization",
  "sb-hc-token",
];

/** Query parameters whose values are redacted even when query values are kept. */
const SECRET_QUERY_NAMES: ReadonlySet<string> = new Set(["sig", "sharedaccesskey", "sb-hc-token", "code", "token", "access_token"]);

/** `sig=…` / `SharedAccessKey=…` (and the SAS token's `sig`) anywhere in a value: the secret part goes. */
const SECRET_IN_VALUE = /\b(sig|sharedaccesskey|sb-hc-token)=[^&;,\s"']*/gi;

export const REDACTED = "REDACTED";

/** The deny set: the built-in names plus the configured ones, lower-cased. */
export function headerDenySet(extra: readonly string[] = []): ReadonlySet<string> {
  return new Set([...NEVER_RECORDED_HEADERS, ...extra.map((name) => name.trim().toLowerCase()).filter(Boolean)]);
}

/** Replaces the secret part of `sig=` / `SharedAccessKey=` / `sb-hc-token=` in a value. */
export function redactSecrets(value: string): string {
  if (!value.includes("=")) return value; // nothing to redact without one: the common case skips the regex
  return value.search(SECRET_IN_VALUE) < 0 ? value : value.replace(SECRET_IN_VALUE, (_m, name: string) => `${name}=${REDACTED}`);
}

/**
 * The path as recorded: query names kept, values `REDACTED` (unless `keepValues`; secret-named ones always).
 * `queryRedacted` tells a replay the recorded path is not the one that was sent. One pass over the parameters, no
 * intermediate arrays: it runs for every relayed request.
 */
export function redactPath(path: string, keepValues: boolean): { path: string; queryRedacted: boolean } {
  const q = path.indexOf("?");
  if (q < 0) return { path: redactSecrets(path), queryRedacted: false };
  let queryRedacted = false;
  let out = `${redactSecrets(path.slice(0, q))}?`;
  for (let start = q + 1; ; ) {
    const amp = path.indexOf("&", start);
    const part = path.slice(start, amp < 0 ? path.length : amp);
    const eq = part.indexOf("=");
    if (eq < 0) out += part;
    else if (keepValues && !SECRET_QUERY_NAMES.has(safeLower(part.slice(0, eq)))) out += redactSecrets(part);
    else {
      queryRedacted = true;
      out += `${part.slice(0, eq)}=${REDACTED}`;
    }
    if (amp < 0) break;
    out += "&";
    start = amp + 1;
  }
  return { path: out, queryRedacted };
}

/**
 * The headers that may be recorded as `name: value` lines (headerLines decodes them); one line per value.
 * `endToEndOnly`: hop-by-hop fields (Connection, Keep-Alive, Transfer-Encoding…) are left out too — for the target's
 * answer, whose hop-by-hop fields never reach the sender.
 */
export function recordableHeaders(headers: IncomingHttpHeaders | OutgoingHttpHeaders | undefined, deny: ReadonlySet<string>, endToEndOnly = false): string {
  let out = "";
  if (!headers) return out;
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (deny.has(lower) || (endToEndOnly && isHopByHop(lower))) continue;
    const value = headers[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) out += line(lower, v);
    else out += line(lower, value);
  }
  // One secret scan over all lines instead of one per value: a match cannot span lines (it stops at white space)
  // and header names cannot hold "=", so the result is the same as redacting each value.
  return redactSecrets(out);
}

function line(name: string, value: unknown): string {
  const text = typeof value === "string" ? value : String(value);
  return `${name}: ${text.includes("\n") ? text.replace(/[\r\n]+/g, " ") : text}\n`;
}

/** The [name, value] pairs of `recordableHeaders` lines. */
export function headerLines(lines: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const entry of lines.split("\n")) {
    const colon = entry.indexOf(": ");
    if (colon > 0) out.push([entry.slice(0, colon), entry.slice(colon + 2)]);
  }
  return out;
}

function safeLower(name: string): string {
  try {
    return decodeURIComponent(name).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}
