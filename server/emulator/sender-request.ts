/** What of a sender's HTTP request reaches the listener (relay-protocol-notes.md §1, checklist 8-9). Pure functions. */
import type { IncomingMessage } from "node:http";

/** Hop-by-hop and framing headers the relay never forwards (it does its own framing). */
const DROPPED = new Set(["connection", "content-length", "te", "trailer", "transfer-encoding", "upgrade", "close", "servicebusauthorization"]);

/**
 * Drops every query pair whose key starts with `sb-hc-` AND has `=`; keeps the rest byte-for-byte
 * (`sb-hc-id=1&a=b` -> `a=b`, `sb-hc-x=` -> ``, bare `sb-hc-x` kept). Input and output without the `?`.
 */
export function filterQuery(rawQuery: string): string {
  return rawQuery
    .split("&")
    .filter((pair) => !(/^sb-hc-/i.test(pair) && pair.includes("=")))
    .join("&");
}

/** `requestTarget`: original path (HC name included) + filtered query. */
export function requestTarget(rawUrl: string): string {
  const q = rawUrl.indexOf("?");
  if (q < 0) return rawUrl;
  const query = filterQuery(rawUrl.slice(q + 1));
  return query ? `${rawUrl.slice(0, q)}?${query}` : rawUrl.slice(0, q);
}

/** The raw value of `sb-hc-token` in the query, decoded; undefined if absent. */
export function queryToken(rawUrl: string): string | undefined {
  const q = rawUrl.indexOf("?");
  if (q < 0) return undefined;
  for (const pair of rawUrl.slice(q + 1).split("&")) {
    if (/^sb-hc-token=/i.test(pair)) {
      try {
        return decodeURIComponent(pair.slice("sb-hc-token=".length).replace(/\+/g, "%20"));
      } catch {
        return "";
      }
    }
  }
  return undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export interface SenderCredentials {
  token?: string;
  /** True when the token came from `Authorization`: it is the relay's, so it is not forwarded. */
  fromAuthorization: boolean;
}

/**
 * `ServiceBusAuthorization`, then `sb-hc-token`, then (only if auth is required and neither is present)
 * `Authorization`. With auth off, `Authorization` is the application's and passes through.
 */
export function senderCredentials(req: IncomingMessage, authRequired: boolean): SenderCredentials {
  const token = header(req, "servicebusauthorization") ?? queryToken(req.url ?? "");
  if (token !== undefined || !authRequired) return { token, fromAuthorization: false };
  return { token: header(req, "authorization"), fromAuthorization: header(req, "authorization") !== undefined };
}

/** Headers for the listener: original names, repeats joined with `, `, `Host` kept. */
export function forwardedHeaders(req: IncomingMessage, dropAuthorization: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const nameOf = new Map<string, string>();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const lower = raw[i].toLowerCase();
    if (DROPPED.has(lower) || (dropAuthorization && lower === "authorization")) continue;
    const name = nameOf.get(lower);
    if (name === undefined) {
      nameOf.set(lower, raw[i]);
      out[raw[i]] = raw[i + 1];
    } else {
      out[name] = `${out[name]}, ${raw[i + 1]}`;
    }
  }
  return out;
}

/** Small enough for the control channel (64 kB body, 32 kB header metadata) with a known length. */
export function fitsInline(req: IncomingMessage, headers: Record<string, string>): boolean {
  if (req.headers["transfer-encoding"] !== undefined) return false;
  const len = Number(req.headers["content-length"] ?? 0);
  return Number.isFinite(len) && len <= 65_536 && JSON.stringify(headers).length <= 32_768;
}
