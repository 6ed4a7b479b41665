/**
 * The status rule of target health: a listener ONLINE in front of an unhealthy target is DEGRADED; a listener
 * withdrawn on purpose (withdrawOnFailure) is DEGRADED too, with `withdrawn: true`. Anything else shows the
 * listener's own status: a listener problem says more than a target problem behind it.
 */
import type { RelayError, RelayStatus } from "../supervisor/relay-status";
import type { TargetHealth } from "./target-health-watch";
import type { TargetHealthSettings } from "./target-health-settings";

export const TARGET_UNHEALTHY = "TARGET_UNHEALTHY";
/** The same, while the listener is withdrawn on purpose (its own code: the advice differs, and the tab translates by code). */
export const TARGET_UNHEALTHY_WITHDRAWN = "TARGET_UNHEALTHY_WITHDRAWN";

export interface HealthView {
  targetUrl: string;
  settings: TargetHealthSettings;
  health: TargetHealth;
  /** True while the listener is taken off the relay because of this health. */
  withdrawn: boolean;
}

export function withTargetHealth(listener: RelayStatus, view: HealthView | undefined): RelayStatus {
  if (!view || view.health.state !== "unhealthy") return listener;
  const since = new Date(Math.max(view.health.since.getTime(), listener.since.getTime()));
  if (listener.state === "ONLINE") return { state: "DEGRADED", since, withdrawn: false, lastError: targetError(view, false) };
  if (view.withdrawn && (listener.state === "DISABLED" || listener.state === "STOPPING")) {
    return { state: "DEGRADED", since: view.health.since, withdrawn: true, lastError: targetError(view, true) };
  }
  return listener;
}

/** The advice in plain words: what the check saw, how often, and what to do; `params` let a client say the same in its language. */
export function targetError(view: HealthView, withdrawn: boolean): RelayError {
  // `detail` is the check's outcome in English; `checkOutcome` and its params say it by code (target-check.ts).
  const outcome = view.health.lastOutcome;
  const params = {
    target: view.targetUrl,
    detail: view.health.lastDetail ?? "no answer",
    failures: view.health.consecutiveFailures,
    ...(outcome ? { checkOutcome: outcome.code, ...outcome.params } : {}),
  };
  const what = `${params.detail}; failed checks in a row: ${params.failures}`;
  return withdrawn
    ? {
        code: TARGET_UNHEALTHY_WITHDRAWN,
        message: `The local service at ${view.targetUrl} does not answer (${what}); the relay listener is withdrawn so the relay sends requests to other hosts.`,
        advice: "Start the service or fix the target URL. The listener comes back by itself when the service answers again.",
        params,
      }
    : {
        code: TARGET_UNHEALTHY,
        message: `The relay listener is connected, but the local service at ${view.targetUrl} does not answer (${what}).`,
        advice: "Start the service or fix the target URL. Callers through the relay get 502 until it answers.",
        params,
      };
}
