/**
 * Who may open a graphql-ws connection, decided at `connection_init` before anything else is read:
 * the connection is closed at once (4401) unless it brings a valid bearer token in `connectionParams`
 * or a session cookie, and a cookie counts only on a socket opened by the host's own pages (4403
 * otherwise). Browsers apply no CORS to WebSockets and send the cookie to any page that opens one, so
 * the `Origin` header is the only proof of where a cookie-carrying socket comes from: when present it
 * must name this host exactly (`Origin: null` or a foreign origin is refused). Browsers always send
 * it on a WebSocket handshake (RFC 6455 §4.1), so a handshake without one is a script or tool that
 * holds the cookie itself, as bearer-token scripts hold their token; those are not cross-site.
 */
import type { IncomingMessage } from "node:http";
import { CloseCode } from "graphql-ws";
import type { Caller } from "../contract";
import { SESSION_COOKIE } from "./auth";
import { parseCookies } from "./http-util";

/** The outcome of `connection_init`: the caller to keep, or the close code and reason. */
export type Admission = { caller: Caller } | { close: CloseCode; reason: string };

export type CallerForConnection = (params: Readonly<Record<string, unknown>> | undefined, req: IncomingMessage) => Caller;

/** Decides a connection from its `connection_init` payload and upgrade request. */
export function admitConnection(params: Readonly<Record<string, unknown>> | undefined, req: IncomingMessage, callerFor: CallerForConnection): Admission {
  const bearer = params?.authorization ?? params?.Authorization;
  // Checked before the caller: callers.ts drops a cross-site cookie silently, which would read as 4401.
  if (bearer === undefined && SESSION_COOKIE in parseCookies(req.headers.cookie) && !cookieOriginAllowed(req)) return FOREIGN_ORIGIN;
  const caller = callerFor(params, req);
  if (caller.kind === "anonymous") return { close: CloseCode.Unauthorized, reason: "Unauthorized: sign in, or send connectionParams.authorization" };
  if (caller.kind === "session" && !cookieOriginAllowed(req)) return FOREIGN_ORIGIN;
  return { caller };
}

const FOREIGN_ORIGIN: Admission = { close: CloseCode.Forbidden, reason: "Forbidden: a session cookie is accepted only from this host's own pages" };

/** No `Origin` (not a browser), or exactly this host. */
function cookieOriginAllowed(req: IncomingMessage): boolean {
  return req.headers.origin === undefined || fromOwnOrigin(req);
}

/** True when the upgrade's `Origin` is exactly this host (`http(s)://` + the request's `Host`). */
export function fromOwnOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin || !req.headers.host) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host === req.headers.host.toLowerCase();
  } catch {
    return false;
  }
}
