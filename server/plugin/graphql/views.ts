/** Maps service values to GraphQL views. */
import type { RelayStatus, RelayStatusChange } from "../supervisor/relay-status";
import type { TrafficSnapshot } from "../../relay/protocol";
import type { PublicRegistration } from "../registrations/registration";
import type { RelayRegistration } from "./relay-registration.type";
import { RelayState, type RelayStatusEvent, type RelayStatusView } from "./relay-status.type";
import type { RelayTraffic } from "./relay-traffic.type";
import type { WebSocketSenders } from "./web-socket-senders.type";

export function registrationView(r: PublicRegistration): RelayRegistration {
  // The enum's values are the service's strings (web-socket-senders.type.ts).
  return { ...r, webSockets: r.webSockets as WebSocketSenders, createdAt: new Date(r.createdAt), updatedAt: new Date(r.updatedAt) };
}

export function statusView(status: RelayStatus): RelayStatusView {
  return {
    state: RelayState[status.state],
    since: status.since,
    attempt: "attempt" in status ? status.attempt : null,
    nextRetryAt: "nextRetryAt" in status ? status.nextRetryAt : null,
    lastError: "lastError" in status ? status.lastError : null,
  };
}

export function statusEventView(change: RelayStatusChange, hostId: string): RelayStatusEvent {
  return { hostId, registrationId: change.registrationId, previousState: change.previous && RelayState[change.previous], status: statusView(change.status) };
}

export function trafficView(t: TrafficSnapshot): RelayTraffic {
  const total = Object.values(t.failed).reduce((sum, n) => sum + n, 0);
  return {
    requests: t.requests,
    failedRequests: { ...t.failed, total },
    bytesIn: t.bytesIn,
    bytesOut: t.bytesOut,
    foldedHeaders: t.foldedHeaders ?? 0,
    lastRequestAt: t.lastRequestAt ? new Date(t.lastRequestAt) : null,
    latencyMs: t.latencyMs,
  };
}
