/**
 * The reference host's HTTP routes: /graphql, /healthz, /ready and /metrics (scrape-routes.ts), /login, /logout, the Management Site shell
 * (/ and /settings/*) and plugin static files. Every response carries the security headers; a body over
 * its route's limit is answered 413 (request-body.ts). The token routes live in token-routes.ts.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Caller, Logger, SystemOperationRegistry } from "../contract";
import { SESSION_COOKIE, type ReferenceAuth } from "./auth";
import type { GraphQLServer } from "./graphql-server";
import { BodyTooLargeError, isCrossSite, parseCookies, readBody, redirect, sendHtml, sendJson, setSecurityHeaders } from "./http-util";
import type { LoginThrottle } from "./login-throttle";
import type { LoadedManifest } from "./manifest-types";
import { renderLoginPage } from "./pages/login";
import { renderMessagePage, renderTabPage } from "./pages/settings";
import { localisedOperation, operationTexts, operationTitle, renderOutcome, renderSystemOperationsPage, type OperationOutcome } from "./pages/system-operations";
import { HOST_ASSETS_PREFIX, serveHostAsset } from "./host-assets";
import { fill, hostTexts } from "./i18n/host-texts";
import { explorerRoute } from "./explorer-routes";
import type { SessionStore } from "./sessions";
import { menuFor, firstPageHref, SYSTEM_OPERATIONS_PATH } from "./site-menu";
import { componentsUrl, resolveStatic, sendStatic } from "./static-files";
import { FORM_BODY_LIMIT, graphqlRoute, login, logout } from "./token-routes";
import { metricsRoute, readyRoute } from "./scrape-routes";
import type { MetricsHub } from "./metrics";
import type { ReadinessRegistry } from "./readiness";
import type { FarmHealth } from "./farm/farm-health";

export interface RouteDeps {
  plugins: LoadedManifest[];
  auth: ReferenceAuth;
  sessions: SessionStore;
  /** Limits failed access tokens (sign-in and GraphQL bearer) per address and globally. */
  loginThrottle: LoginThrottle;
  systemOperations: SystemOperationRegistry;
  /** Set once the GraphQL server has started. */
  graphql(): GraphQLServer | undefined;
  /** True once every plugin is active (and until stop begins). */
  ready(): boolean;
  /** Where unexpected failures are logged. */
  logger: Logger;
  /** Seen on every page view, so the consumer caches fill as the host runs. */
  onPageView?(path: string): void;
  /** Language the tabs are mounted in (`ECS_LANGUAGE`). Default en-GB. */
  language?: string;
  /** /ready's checks and /metrics' collectors (scrape-routes.ts). */
  readiness: ReadinessRegistry;
  metrics: MetricsHub;
  /** `ECS_METRICS_TOKEN`: a bearer token good for /ready and /metrics only. */
  metricsToken?: string;
  /** The farm's state for /healthz's body (farm/farm-health.ts), undefined for a single host; never changes the status code. */
  farmHealth?(): FarmHealth | undefined;
}


/** The request handler for the host's http server. */
export function createRequestHandler(deps: RouteDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = (req.method ?? "GET").toUpperCase();
    try {
      await route(deps, req, res, url.pathname, method);
    } catch (error) {
      if (error instanceof BodyTooLargeError && !res.headersSent) {
        return sendJson(res, 413, { error: `request body too large (limit ${error.limit} bytes)`, code: error.code });
      }
      deps.logger.error("request failed", { method, path: url.pathname, error });
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.destroy(error as Error);
    }
  };
}

async function route(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, pathname: string, method: string): Promise<void> {
  if (pathname.startsWith("/graphql") && (await explorerRoute(deps, req, res, pathname, method))) return;
  if (pathname === "/graphql") return graphqlRoute(deps, req, res);
  if (pathname === "/healthz") return healthz(deps, res);
  if (pathname === "/ready" && (method === "GET" || method === "HEAD")) return readyRoute(deps, req, res);
  if (pathname === "/metrics" && method === "GET") return metricsRoute(deps, req, res);
  if (pathname === "/favicon.ico") return void ((res.statusCode = 204), res.end()); // no icon; spares every page a 404
  if (pathname === "/login" && method === "GET") return sendHtml(res, 200, renderLoginPage(undefined, deps.language));
  if (pathname.startsWith(HOST_ASSETS_PREFIX) && (method === "GET" || method === "HEAD")) return serveHostAsset(pathname, res);
  if (pathname === "/login" && method === "POST") return login(deps, req, res);
  if (pathname === "/logout" && method === "POST") return logout(deps, req, res);
  if (pathname.startsWith("/plugins/") && (method === "GET" || method === "HEAD")) {
    const file = resolveStatic(pathname, deps.plugins);
    return file ? sendStatic(res, file) : sendJson(res, 404, { error: "not found" });
  }
  if ((pathname === "/" || pathname === "/settings" || pathname.startsWith("/settings/")) && method === "GET") return page(deps, req, res, pathname);
  if (pathname.startsWith(`${SYSTEM_OPERATIONS_PATH}/`) && method === "POST") return runOperation(deps, req, res, pathname);
  sendJson(res, 404, { error: "not found" });
}

/** Liveness: 503 until every plugin is active; in a web farm the body adds the farm's state (never the status code). */
function healthz(deps: RouteDeps, res: ServerResponse): void {
  const farm = deps.farmHealth?.();
  sendJson(res, deps.ready() ? 200 : 503, { status: deps.ready() ? "ok" : "starting", ...(farm ? { farm } : {}) });
}

function sessionCaller(deps: RouteDeps, req: IncomingMessage): Caller {
  return deps.auth.callerFrom(undefined, parseCookies(req.headers.cookie)[SESSION_COOKIE]);
}

function page(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, pathname: string): void {
  const caller = sessionCaller(deps, req);
  if (caller.kind === "anonymous") return redirect(res, "/login", 302);
  deps.onPageView?.(pathname);
  const menu = menuFor(deps, caller);
  const who = `${caller.roles.join(", ")}`;
  if (pathname === "/" || pathname === "/settings" || pathname === "/settings/") return redirect(res, firstPageHref(deps, caller), 302);
  if (pathname === SYSTEM_OPERATIONS_PATH) return operationsPage(deps, req, res, caller, 200);
  const tabId = pathname.slice("/settings/".length);
  const found = deps.plugins
    .flatMap((loaded) => (loaded.manifest.contributes?.settingsTabs ?? []).map((tab) => ({ tab, loaded })))
    .find(({ tab }) => tab.id === tabId);
  const text = hostTexts(deps.language);
  if (!found) return sendHtml(res, 404, renderMessagePage(text.notFoundTitle, fill(text.notFoundPage, { page: tabId }), menu, who, deps.language));
  if (!deps.auth.can(caller, found.tab.permission)) {
    return sendHtml(res, 403, renderMessagePage(text.forbiddenTitle, fill(text.forbiddenPage, { permission: found.tab.permission }), menu, who, deps.language));
  }
  const tab = { title: found.tab.title, element: found.tab.element, scriptUrl: componentsUrl(found.loaded) };
  sendHtml(res, 200, renderTabPage(tab, menu, pathname, who, deps.language));
}

/**
 * The System Operations page, or after a run from its script (`X-Requested-With: fetch`) only the outcome card,
 * so the page shows the result without a reload or a URL change.
 */
function operationsPage(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, caller: Caller, status: number, outcome?: OperationOutcome): void {
  const operations = deps.systemOperations.list().map((op) => ({ ...op, allowed: deps.auth.can(caller, op.permission) }));
  if (outcome && req.headers["x-requested-with"] === "fetch") {
    const shown = operations.map((op) => localisedOperation(op, deps.language));
    const texts = operationTexts(operations.find((op) => op.id === outcome.id)?.texts, deps.language);
    return sendHtml(res, status, renderOutcome(outcome, operationTitle(shown, outcome.id), hostTexts(deps.language), texts));
  }
  sendHtml(res, status, renderSystemOperationsPage(operations, menuFor(deps, caller), SYSTEM_OPERATIONS_PATH, caller.roles.join(", "), outcome, deps.language));
}

const STATUS_BY_CODE: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

/** POST /settings/system-operations/<id>: the Run form (session + same-site only; confirmation when the manifest asks). */
async function runOperation(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const caller = sessionCaller(deps, req);
  if (caller.kind === "anonymous") return redirect(res, "/login");
  if (isCrossSite(req)) return sendJson(res, 403, { error: "cross-origin request refused" });
  const id = safeDecode(pathname.slice(SYSTEM_OPERATIONS_PATH.length + 1));
  const form = new URLSearchParams(await readBody(req, FORM_BODY_LIMIT));
  const operation = deps.systemOperations.list().find((op) => op.id === id);
  const text = hostTexts(deps.language);
  if (operation?.confirm && form.get("confirm") !== "yes") {
    return operationsPage(deps, req, res, caller, 400, { id, error: text.opsNotConfirmed });
  }
  try {
    const result = await deps.systemOperations.run(id, caller);
    operationsPage(deps, req, res, caller, 200, { id, result });
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (!(code in STATUS_BY_CODE)) deps.logger.error("system operation failed", { operation: id, error });
    const message = code in STATUS_BY_CODE ? fill(text.opsRefused, { reason: (error as Error).message }) : text.opsFailed;
    operationsPage(deps, req, res, caller, STATUS_BY_CODE[code] ?? 500, { id, error: message });
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
