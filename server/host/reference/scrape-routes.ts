/**
 * /ready and /metrics: protected like the host's other endpoints (docs/operations.md). A scraper presents
 * `Authorization: Bearer <token>` with the metrics reader token (`ECS_METRICS_TOKEN`, ≥ 32 characters, grants only
 * these two routes) or the reader/admin access token; a signed-in session also works. Wrong tokens count against
 * the same throttle as sign-in and GraphQL bearer tokens. /healthz stays open liveness.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { bearerToken, sameToken, SESSION_COOKIE, type ReferenceAuth } from "./auth";
import { parseCookies, sendJson } from "./http-util";
import { judgeToken, type LoginThrottle } from "./login-throttle";
import type { MetricsHub } from "./metrics";
import type { ReadinessRegistry } from "./readiness";

export interface ScrapeDeps {
  auth: ReferenceAuth;
  loginThrottle: LoginThrottle;
  readiness: ReadinessRegistry;
  metrics: MetricsHub;
  /** `ECS_METRICS_TOKEN`; undefined: only the reader/admin tokens and sessions are accepted. */
  metricsToken?: string;
  /** True once every plugin is active (and until stop begins). */
  ready(): boolean;
}

export async function readyRoute(deps: ScrapeDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!(await authorised(deps, req, res))) return;
  const summary = await deps.readiness.summary(deps.ready());
  sendJson(res, summary.ready ? 200 : 503, { status: summary.ready ? "ready" : "not ready", checks: summary.checks });
}

export async function metricsRoute(deps: ScrapeDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!(await authorised(deps, req, res))) return;
  const text = await deps.metrics.render();
  res.statusCode = 200;
  res.setHeader("Content-Type", deps.metrics.contentType);
  res.setHeader("Cache-Control", "no-store");
  res.end(text);
}

/** Answers 401/429 itself and returns false when the caller may not scrape. */
async function authorised(deps: ScrapeDeps, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const bearer = bearerToken(req.headers.authorization);
  if (bearer === undefined) {
    const session = deps.auth.callerFrom(undefined, parseCookies(req.headers.cookie)[SESSION_COOKIE]);
    if (session.kind !== "anonymous") return true;
    return refuse(res, 401, "Send Authorization: Bearer <ECS_METRICS_TOKEN or the reader token>.");
  }
  const verdict = await judgeToken(deps.loginThrottle, req.socket.remoteAddress, () => sameToken(bearer, deps.metricsToken) || deps.auth.roleForToken(bearer) !== undefined);
  if (verdict.kind === "right") return true;
  if (verdict.kind === "throttled") {
    res.setHeader("Retry-After", String(verdict.retryAfterSeconds));
    return refuse(res, 429, verdict.message);
  }
  return refuse(res, 401, "The bearer token is not the metrics token nor an access token of this host.");
}

function refuse(res: ServerResponse, status: number, message: string): false {
  if (status === 401) res.setHeader("WWW-Authenticate", 'Bearer realm="ecs-core-metrics"');
  sendJson(res, status, { error: message });
  return false;
}
