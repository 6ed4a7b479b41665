/**
 * The shapes the detail view's elements take, as in the operations API (schema/azure-relay.graphql:
 * `relayTrafficSeries`, `relayRequests`, `history`, `probeRelayRegistration`, `replayRelayRequest`, `targetHealth`). Structural and minimal on purpose:
 * the generated result types (components/src/generated/graphql.ts) are assignable to them, and the elements can be
 * shown and tested with plain objects.
 */
import type { RelayState } from "../registrations-client";

/** One minute of traffic (oldest first in a series). */
export interface TrafficPoint {
  at: string;
  requests: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export type RequestOutcome = "FORWARDED" | "TOO_LARGE" | "BAD_GATEWAY" | "GATEWAY_TIMEOUT" | "ABORTED";

/** Every outcome, in the API's order (the journal's outcome filter offers these). */
export const REQUEST_OUTCOMES: readonly RequestOutcome[] = ["FORWARDED", "TOO_LARGE", "BAD_GATEWAY", "GATEWAY_TIMEOUT", "ABORTED"];

/** A server-side problem ({ code, message, advice }, optionally with params): translated by its code. */
export interface ServerProblem {
  code: string;
  message: string;
  advice: string;
  params?: unknown;
}

/** One journal entry (newest first in a list). */
export interface JournalEntry {
  id: string;
  at: string;
  hostId?: string | null;
  method: string;
  path: string;
  status: number | null;
  durationMs: number;
  bytesIn: number;
  bytesOut: number;
  senderAddress?: string | null;
  trackingId?: string | null;
  outcome: RequestOutcome;
  /** False when it cannot be replayed as recorded (redacted query values, or a body not recorded as text). */
  replayable?: boolean;
}

export interface ReplayResult {
  ok: boolean;
  status: number | null;
  durationMs: number | null;
  problem: ServerProblem | null;
}

export interface StateChange {
  at: string;
  state: RelayState;
  previousState: RelayState | null;
  hostId?: string | null;
  code?: string | null;
}

export interface StatusHistory {
  /** Oldest first. */
  changes: readonly StateChange[];
  uptime24h: number | null;
  uptime7d: number | null;
  flaps24h: number;
  flaps7d: number;
}

export interface ProbeHop {
  name: string;
  outcome: string;
  ms: number | null;
}

export interface ProbeResult {
  ok: boolean;
  at: string;
  roundTripMs: number | null;
  answeredBy: string | null;
  hops: readonly ProbeHop[];
  problem: ServerProblem | null;
}

/** How the local target is checked (RelayRegistration.targetHealth). */
export interface TargetHealthSettings {
  enabled: boolean;
  method: string;
  path: string;
  intervalMs: number;
  timeoutMs: number;
  failures: number;
  healthyStatuses: string;
  withdrawOnFailure: boolean;
}

/** What the last checks found (RelayRegistration.targetHealthCheck). */
export interface TargetHealthCheck {
  state: string;
  since: string;
  consecutiveFailures: number;
  lastDetail: string | null;
  lastCheckedAt: string | null;
  withdrawn: boolean;
}
