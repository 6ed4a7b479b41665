/**
 * How many ECS Core servers listen on each registration, for the foreign-listener suspicion: the farm's live hosts,
 * discovered from their heartbeats (docs/farm.md), unless the `management.farmHosts` setting overrides it (e.g. hosts
 * outside this farm's Redis that share the same hybrid connections). While the farm cannot be read, the last count
 * stands: a Redis outage must not make every other host's listener look foreign.
 */
import type { Farm } from "../../host/contract";

/** The count to use: the override when set, else the discovered one (at least 1: this host). */
export function farmHostCount(farm: Pick<Farm, "members">, override: number | undefined): number | (() => Promise<number>) {
  if (override !== undefined) return override;
  let last = 1;
  return async () => {
    try {
      last = Math.max(1, (await farm.members()).length);
    } catch {
      // keep the last count
    }
    return last;
  };
}
