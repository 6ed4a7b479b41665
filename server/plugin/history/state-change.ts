/** One recorded state change of a registration's listener on one host, as the store keeps it (plain JSON). */
import type { RelayState } from "../supervisor/relay-status";

export interface StateChangeRecord {
  /** When the new state was entered (ISO 8601). */
  at: string;
  state: RelayState;
  /** The state before; null for the first status a registration had on this host. */
  previousState: RelayState | null;
  /** The host whose listener changed state (history is kept per host). */
  hostId: string;
  /** The status's error code (`RELAY_UNAUTHORIZED`, `TARGET_UNHEALTHY`, …), when the state carries one. */
  code: string | null;
}

/** States during which the listener serves: only ONLINE (DEGRADED's target is down, so callers get 502s). */
export const UP_STATES: ReadonlySet<RelayState> = new Set(["ONLINE"]);

/** States the admin chose (disabled registration): not an outage, so they are left out of uptime's observed time. */
export const UNOBSERVED_STATES: ReadonlySet<RelayState> = new Set(["DISABLED"]);

/** Leaving ONLINE for one of these is orderly (disable, shutdown), not a flap. */
export const ORDERLY_STATES: ReadonlySet<RelayState> = new Set(["DISABLED", "STOPPING"]);
