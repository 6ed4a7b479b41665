/**
 * Who is calling GraphQL: bearer token or session cookie over HTTP; `connectionParams.authorization`
 * or the upgrade request's cookie over WebSocket. A cookie on a cross-origin WebSocket upgrade is
 * ignored (browsers do not apply CORS to WebSockets, so this stops cross-site socket hijacking).
 */
import type { IncomingMessage } from "node:http";
import type { Caller } from "../contract";
import { SESSION_COOKIE, type ReferenceAuth } from "./auth";
import { isCrossSite, parseCookies } from "./http-util";

export function callerResolvers(auth: ReferenceAuth) {
  return {
    callerForRequest(req: IncomingMessage): Caller {
      return auth.callerFrom(req.headers.authorization, parseCookies(req.headers.cookie)[SESSION_COOKIE]);
    },
    callerForConnection(params: Readonly<Record<string, unknown>> | undefined, req: IncomingMessage): Caller {
      const raw = params?.authorization ?? params?.Authorization;
      const authorization = typeof raw === "string" ? (/^bearer\s/i.test(raw) ? raw : `Bearer ${raw}`) : undefined;
      const sessionId = isCrossSite(req) ? undefined : parseCookies(req.headers.cookie)[SESSION_COOKIE];
      return auth.callerFrom(authorization, sessionId);
    },
  };
}
