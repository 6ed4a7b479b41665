/**
 * One health check of a local target: a request through the same SSRF guard as relayed traffic (target-guard.ts),
 * so a check can never reach an address a relayed request could not. The answer's body is never read.
 */
import http from "node:http";
import https from "node:https";
import { guardedAgents, type TargetGuard } from "../../relay/target-guard";
import { parseStatusRanges, type TargetHealthSettings } from "./target-health-settings";

/**
 * What a check saw, by code, with English texts (`{check}` is e.g. `HEAD /`); the tab has `check.<CODE>` in its
 * server-message catalogues, so a target health lastError reads wholly in the admin's language.
 */
export const CHECK_OUTCOME_TEXTS = {
  ANSWERED: "{check} answered {status}",
  ANSWERED_UNHEALTHY: "{check} answered {status} (healthy: {healthyStatuses})",
  TIMED_OUT: "{check} timed out after {timeout}",
  REFUSED: "{check} refused: {reason}",
  FAILED: "{check} failed: {reason}",
} as const;

export type CheckOutcomeCode = keyof typeof CHECK_OUTCOME_TEXTS;

/** A check's outcome by code and the values its text needs. */
export interface CheckOutcome {
  code: CheckOutcomeCode;
  params: Readonly<Record<string, string | number>>;
}

/** The outcome of one check, in words an admin understands (`HEAD / timed out after 5 s`). */
export interface TargetCheckResult {
  healthy: boolean;
  /** What happened, e.g. `HEAD / answered 200`, `HEAD / timed out after 5 s`, `HEAD / failed: ECONNREFUSED`. */
  detail: string;
  /** The same by code + params. */
  outcome: CheckOutcome;
}

function result(healthy: boolean, code: CheckOutcomeCode, params: CheckOutcome["params"]): TargetCheckResult {
  const detail = CHECK_OUTCOME_TEXTS[code].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  return { healthy, detail, outcome: { code, params } };
}

/** Runs checks for one guard; agents are shared by every registration (connections are closed after each check). */
export class TargetChecker {
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(guard: TargetGuard) {
    this.agents = guardedAgents(guard);
  }

  check(targetUrl: string, settings: TargetHealthSettings): Promise<TargetCheckResult> {
    const url = checkUrl(targetUrl, settings.path);
    const what = `${settings.method} ${settings.path}`;
    const ranges = parseStatusRanges(settings.healthyStatuses);
    const client = url.protocol === "https:" ? https : http;
    return new Promise((resolve) => {
      const request = client.request(url, {
        method: settings.method,
        agent: url.protocol === "https:" ? this.agents.https : this.agents.http,
        headers: { connection: "close", "user-agent": "ecs-azure-relay-health-check" },
      });
      const timer = setTimeout(() => {
        request.destroy();
        resolve(result(false, "TIMED_OUT", { check: what, timeout: seconds(settings.timeoutMs) }));
      }, settings.timeoutMs);
      request.on("response", (response) => {
        clearTimeout(timer);
        response.resume();
        request.destroy();
        const status = response.statusCode ?? 0;
        const healthy = ranges.some(([low, high]) => status >= low && status <= high);
        resolve(healthy ? result(true, "ANSWERED", { check: what, status }) : result(false, "ANSWERED_UNHEALTHY", { check: what, status, healthyStatuses: settings.healthyStatuses }));
      });
      request.on("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        // A refusal by the target guard says why (address and rule); anything else its error code.
        const refused = error.code === "ERR_TARGET_REFUSED";
        resolve(result(false, refused ? "REFUSED" : "FAILED", { check: what, reason: refused ? error.message : (error.code ?? error.message) }));
      });
      request.end();
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

/** The check URL: the path below the target URL's base path (`http://h/app/` + `/healthz` → `http://h/app/healthz`). */
export function checkUrl(targetUrl: string, path: string): URL {
  const base = new URL(targetUrl);
  const url = new URL(base.toString());
  url.pathname = base.pathname.replace(/\/$/, "") + (path.split("?")[0] ?? "/");
  url.search = path.includes("?") ? path.slice(path.indexOf("?")) : "";
  return url;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
