/** Waiting for a registration to reach a state: used by tests and by services that want to answer after a change. */
import type { Disposable } from "../../host/contract";
import type { Timers } from "./data-plane-port";
import type { RelayState, RelayStatus, RelayStatusChange } from "./relay-status";

interface StatusSource {
  status(registrationId: string): RelayStatus;
  onStatusChanged(handler: (change: RelayStatusChange) => void): Disposable;
}

/** Resolves with the status once `registrationId` is in `state` (at once if it already is); rejects after `timeoutMs`. */
export function waitForStatus(
  source: StatusSource,
  timers: Timers,
  registrationId: string,
  state: RelayState,
  timeoutMs: number,
): Promise<RelayStatus> {
  const now = source.status(registrationId);
  if (now.state === state) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const subscription = source.onStatusChanged((change) => {
      if (change.registrationId !== registrationId || change.status.state !== state) return;
      subscription.dispose();
      timers.clearTimeout(timer);
      resolve(change.status);
    });
    const timer = timers.setTimeout(() => {
      subscription.dispose();
      const last = source.status(registrationId).state;
      reject(new Error(`Registration ${registrationId} did not reach ${state} within ${timeoutMs} ms (it is ${last}).`));
    }, timeoutMs);
  });
}
