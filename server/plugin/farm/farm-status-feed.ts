/**
 * Listener status across the farm (docs/farm.md, "Status across the farm"). Each host sends its own status changes
 * to the other hosts as farm events (`status-changed`, the `azure-relay/status-changed/v1` payload with its host
 * id) and turns theirs into `relayStatusChanged` events for its subscribers. The host never sends a host its own
 * events back, so each change reaches every subscriber once. A payload from another host is untrusted: checked
 * field by field, bounded, dropped when malformed.
 */
import type { FarmEvent } from "../../host/contract";
import type { RelayStatusEvent } from "../graphql/relay-status.type";
import { RelayState } from "../graphql/relay-status.type";
import { RELAY_STATES } from "../supervisor/relay-status";
import type { RelayStatusChangedV1 } from "../status-events";

export const STATUS_EVENT_TOPIC = "status-changed";
const MAX_TEXT = 2000;

/** The subscription event for another host's status change, or undefined when its payload is malformed. */
export function statusEventFromFarm(event: FarmEvent): RelayStatusEvent | undefined {
  if (event.topic !== STATUS_EVENT_TOPIC) return undefined;
  const p = event.payload as Partial<RelayStatusChangedV1> | null;
  if (typeof p !== "object" || p === null) return undefined;
  if (!text(p.registrationId) || !isState(p.state) || !(p.previousState === null || isState(p.previousState))) return undefined;
  const since = date(p.since);
  const nextRetryAt = p.nextRetryAt === null ? null : date(p.nextRetryAt);
  if (!since || nextRetryAt === undefined || !Number.isSafeInteger(p.attempt) || (p.attempt as number) < 0) return undefined;
  const lastError = errorOf(p.lastError);
  if (lastError === undefined) return undefined;
  return {
    hostId: event.hostId,
    registrationId: p.registrationId as string,
    previousState: p.previousState === null ? null : RelayState[p.previousState as RelayState],
    status: { state: RelayState[p.state as RelayState], since, attempt: (p.attempt as number) || null, nextRetryAt, lastError },
  };
}

function errorOf(value: unknown): RelayStatusEvent["status"]["lastError"] | undefined {
  if (value === null) return null;
  const e = value as { code?: unknown; message?: unknown; advice?: unknown };
  if (typeof e !== "object" || !text(e.code) || !text(e.message) || !text(e.advice, true)) return undefined;
  return { code: e.code as string, message: e.message as string, advice: e.advice as string };
}

function isState(value: unknown): value is RelayState {
  return typeof value === "string" && (RELAY_STATES as readonly string[]).includes(value);
}

function text(value: unknown, emptyAllowed = false): boolean {
  return typeof value === "string" && value.length <= MAX_TEXT && (emptyAllowed || value.length > 0);
}

function date(value: unknown): Date | undefined {
  if (typeof value !== "string" || value.length > 40) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
