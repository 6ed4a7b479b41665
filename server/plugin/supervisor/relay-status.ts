/**
 * The runtime status of one registration's relay listener (docs/design.md §6), as the supervisor reports it.
 * Each state carries only the data that means something in it, so a consumer cannot read a stale
 * `lastError` from an ONLINE listener or a `nextRetryAt` from a disabled one.
 */

/** Every state a registration's listener can be in. */
export type RelayState =
  | "DISABLED"
  | "CONNECTING"
  | "ONLINE"
  | "DEGRADED"
  | "RECONNECTING"
  | "UNAUTHORIZED"
  | "NOT_FOUND"
  | "FAILED"
  | "STOPPING";

/** Every state of `RelayStatus`, in display order (for exhaustive tests and UI legends). */
export const RELAY_STATES: readonly RelayState[] = [
  "DISABLED",
  "CONNECTING",
  "ONLINE",
  "DEGRADED",
  "RECONNECTING",
  "UNAUTHORIZED",
  "NOT_FOUND",
  "FAILED",
  "STOPPING",
];

/** Why the listener is not online: a stable code, what happened, and what an admin can do about it. Never holds a secret. */
export interface RelayError {
  /** Stable, machine-readable, e.g. `RELAY_UNAUTHORIZED`. */
  code: string;
  /** What happened, in one sentence. */
  message: string;
  /** What an admin can do about it, in plain language. */
  advice: string;
  /**
   * The values message and advice are built from, by name (`{ seconds: 30 }`, `{ target, detail, failures }`), so a
   * client can say the same in its language from `code` + `params`; absent when the texts need none.
   */
  params?: Readonly<Record<string, string | number | boolean>>;
}

/** The states reached after a failure: they say what went wrong and when the next attempt is due. */
export type FailureState = "RECONNECTING" | "UNAUTHORIZED" | "NOT_FOUND" | "FAILED";

/** A failure state's data. */
export interface FailureStatus<S extends FailureState> {
  state: S;
  /** When this state was entered. */
  since: Date;
  /** Connection attempts made since the listener was last stably online (or its settings changed); 1-based. */
  attempt: number;
  /** When the next attempt is due; null while an attempt is in progress. */
  nextRetryAt: Date | null;
  lastError: RelayError;
}

/** The status of one registration's listener: a discriminated union on `state`. */
export type RelayStatus =
  | { state: "DISABLED"; since: Date }
  | { state: "CONNECTING"; since: Date; attempt: number }
  | { state: "ONLINE"; since: Date }
  /**
   * Listener connected (or withdrawn on purpose) but the local target fails its health check (server/plugin/health/).
   * Never set by the supervisor itself: the health overlay derives it from ONLINE and the target's health.
   */
  | { state: "DEGRADED"; since: Date; lastError: RelayError; withdrawn: boolean }
  | { state: "STOPPING"; since: Date }
  | FailureStatus<"RECONNECTING">
  | FailureStatus<"UNAUTHORIZED">
  | FailureStatus<"NOT_FOUND">
  | FailureStatus<"FAILED">;

/** Emitted whenever a registration's status changes (state or data). */
export interface RelayStatusChange {
  registrationId: string;
  status: RelayStatus;
  /** The state before this change; null when the registration had no status yet (just added). */
  previous: RelayState | null;
}

/** True for the states that carry `lastError`, `attempt` and `nextRetryAt`. */
export function isFailureStatus(status: RelayStatus): status is FailureStatus<FailureState> {
  return (
    status.state === "RECONNECTING" ||
    status.state === "UNAUTHORIZED" ||
    status.state === "NOT_FOUND" ||
    status.state === "FAILED"
  );
}
