/**
 * Uptime and flaps over a window, from a registration's recorded state changes (oldest first). Pure, so a crafted
 * sequence tests it exactly (test/plugin/history/uptime.test.ts). Rules (docs/operations.md, History):
 * - uptime = time in an up state (ONLINE) ÷ observed time in the window; DEGRADED is not up (callers get 502s).
 * - observed time starts at the window's start, or at the first record when the history begins later (before it
 *   nothing is known), and leaves out DISABLED stretches (the admin's choice, not an outage); null when nothing
 *   was observed.
 * - a flap is leaving ONLINE for any state but DISABLED / STOPPING (an orderly stop is no flap).
 */
import { ORDERLY_STATES, UNOBSERVED_STATES, UP_STATES, type StateChangeRecord } from "./state-change";

export interface WindowSummary {
  /** 0..1, null when nothing was observed in the window. */
  uptime: number | null;
  flaps: number;
}

export function summarise(changes: readonly StateChangeRecord[], now: number, windowMs: number): WindowSummary {
  const start = now - windowMs;
  let observed = 0;
  let up = 0;
  let flaps = 0;
  changes.forEach((change, i) => {
    const from = Math.max(Date.parse(change.at), start);
    const to = Math.min(i + 1 < changes.length ? Date.parse(changes[i + 1].at) : now, now);
    if (to > from && !UNOBSERVED_STATES.has(change.state)) {
      observed += to - from;
      if (UP_STATES.has(change.state)) up += to - from;
    }
    const at = Date.parse(change.at);
    if (at >= start && at <= now && isFlap(change)) flaps += 1;
  });
  return { uptime: observed > 0 ? up / observed : null, flaps };
}

function isFlap(change: StateChangeRecord): boolean {
  return change.previousState === "ONLINE" && change.state !== "ONLINE" && !ORDERLY_STATES.has(change.state);
}
