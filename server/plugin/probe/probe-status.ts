/**
 * The status rule of the end-to-end probe: a listener that shows ONLINE while the last probe since it came online
 * failed on the path itself (the relay did not deliver it, could not be reached, or no answer came back) is not
 * truthfully ONLINE: it is DEGRADED with code PROBE_FAILING. A probe that failed for its own reasons (a Listen-only
 * key, a listener without the grant answering) says nothing about the path and changes nothing; so does a result from
 * before the listener's current connection. The next good probe clears it.
 */
import type { RelayError, RelayStatus } from "../supervisor/relay-status";
import { PATH_FAILURES, type ProbeResult } from "./probe-verdict";

export const PROBE_FAILING = "PROBE_FAILING";

export const PROBE_FAILING_TEXT = {
  message: "The relay listener shows as connected, but the last end-to-end probe through the relay failed.",
  advice: "See the registration's last probe for the failing hop. Restart the listener; if the probe keeps failing, check the hybrid connection and this host's network.",
} as const;

export function withProbe(listener: RelayStatus, last: ProbeResult | undefined): RelayStatus {
  if (listener.state !== "ONLINE" || !last || last.ok || !last.problem || !PATH_FAILURES.has(last.problem.code)) return listener;
  if (last.at.getTime() < listener.since.getTime()) return listener;
  return { state: "DEGRADED", since: last.at, withdrawn: false, lastError: probeFailing(last.problem) };
}

function probeFailing(cause: RelayError): RelayError {
  return { code: PROBE_FAILING, message: `${PROBE_FAILING_TEXT.message} ${cause.message}`, advice: PROBE_FAILING_TEXT.advice };
}
