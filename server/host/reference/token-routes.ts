/**
 * The routes where an access token is presented: POST /login (token → session cookie), POST /logout,
 * and /graphql (bearer token). Each presented token passes the failed-token throttle first
 * (login-throttle.ts; docs/security/http-and-login.md).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { bearerToken, SESSION_COOKIE } from "./auth";
import type { RouteDeps } from "./http-routes";
import { isCrossSite, parseCookies, readBody, redirect, sendHtml, sendJson } from "./http-util";
import { renderLoginPage } from "./pages/login";
import { firstPageHref } from "./site-menu";
import { fill, hostTexts } from "./i18n/host-texts";
import { judgeToken } from "./login-throttle";

/** Body limit of the form posts (/login, system operations): 16 KiB, a token or a checkbox needs far less. */
export const FORM_BODY_LIMIT = 16 * 1024;

export async function login(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = hostTexts(deps.language);
  if (isCrossSite(req)) return sendHtml(res, 403, renderLoginPage(text.loginCrossSite, deps.language));
  const token = new URLSearchParams(await readBody(req, FORM_BODY_LIMIT)).get("token")?.trim();
  const role = deps.auth.roleForToken(token);
  const verdict = await judgeToken(deps.loginThrottle, req.socket.remoteAddress, () => role !== undefined);
  if (verdict.kind === "throttled") {
    res.setHeader("Retry-After", String(verdict.retryAfterSeconds));
    return sendHtml(res, 429, renderLoginPage(fill(text.loginThrottled, { seconds: verdict.retryAfterSeconds }), deps.language));
  }
  if (!role) return sendHtml(res, 401, renderLoginPage(text.loginInvalid, deps.language));
  const session = deps.sessions.create(role);
  res.setHeader("Set-Cookie", `${SESSION_COOKIE}=${session.id}; HttpOnly; SameSite=Strict; Path=/`);
  redirect(res, firstPageHref(deps, { id: "session", kind: "session", roles: [role] }));
}

export async function logout(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (isCrossSite(req)) return sendJson(res, 403, { error: "cross-origin request refused" });
  deps.sessions.destroy(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
  res.setHeader("Set-Cookie", `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
  redirect(res, "/login");
}

/**
 * /graphql: a bearer token counts toward the same failed-token limits as sign-in (a wrong one is as
 * cheap to try here as at /login); requests without one (session cookie, anonymous) are not throttled.
 */
export async function graphqlRoute(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const graphql = deps.graphql();
  if (!graphql) return sendJson(res, 503, { errors: [{ message: "starting" }] });
  const bearer = bearerToken(req.headers.authorization);
  if (bearer !== undefined) {
    const verdict = await judgeToken(deps.loginThrottle, req.socket.remoteAddress, () => deps.auth.roleForToken(bearer) !== undefined);
    if (verdict.kind === "throttled") {
      res.setHeader("Retry-After", String(verdict.retryAfterSeconds));
      const { message, retryAfterSeconds } = verdict;
      return sendJson(res, 429, { errors: [{ message, extensions: { code: "TOO_MANY_REQUESTS", retryAfterSeconds } }] });
    }
  }
  return graphql.handle(req, res);
}
