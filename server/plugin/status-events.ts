/**
 * The event other in-process plugins subscribe to on the host event bus. Its id and payload schema are declared in
 * plugin.json (`contributes.events`); bump the version suffix on any incompatible change.
 */
import type { RelayState, RelayStatusChange } from "./supervisor/relay-status";

export const STATUS_CHANGED_EVENT = "azure-relay/status-changed/v1";

/**
 * Payload of `azure-relay/status-changed/v1`: plain JSON, dates as ISO strings, never a secret. The host event bus
 * carries this host's own changes only (each change is published once in the farm, on the host where it happened);
 * `hostId` says which host that is (added in place: a new field is compatible, so the id stays v1).
 */
export interface RelayStatusChangedV1 {
  /** The host (ECS_HOST_ID) whose listener changed. */
  hostId: string;
  registrationId: string;
  state: RelayState;
  previousState: RelayState | null;
  since: string;
  attempt: number;
  nextRetryAt: string | null;
  lastError: { code: string; message: string; advice: string } | null;
}

export function toStatusChangedV1(change: RelayStatusChange, hostId: string): RelayStatusChangedV1 {
  const { status } = change;
  return {
    hostId,
    registrationId: change.registrationId,
    state: status.state,
    previousState: change.previous,
    since: status.since.toISOString(),
    attempt: "attempt" in status ? status.attempt : 0,
    nextRetryAt: "nextRetryAt" in status && status.nextRetryAt ? status.nextRetryAt.toISOString() : null,
    // Exactly the v1 fields (its schema is closed): params stay out of v1.
    lastError: "lastError" in status ? { code: status.lastError.code, message: status.lastError.message, advice: status.lastError.advice } : null,
  };
}
