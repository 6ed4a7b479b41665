/**
 * The state history as a bar over a window (24 h or 7 d): each stretch of one state from its change to the next
 * (or now), clipped to the window, as fractions of the bar's width. Before the first known change the state is
 * unknown (`null`: "no data"), unless the first change names its previous state. Pure TS (jest tests it).
 */
import type { RelayState } from "../registrations-client";
import type { StateChange } from "./detail-types";

export type TimelineWindow = "24h" | "7d";

export const WINDOW_MS: Readonly<Record<TimelineWindow, number>> = { "24h": 24 * 3600_000, "7d": 7 * 24 * 3600_000 };

export interface TimelineSegment {
  /** null: no data for this stretch. */
  state: RelayState | null;
  from: number;
  to: number;
  /** 0…1 from the window's start. */
  start: number;
  /** 0…1 of the window. */
  width: number;
}

/** Broad kinds the bar colours by (the state's name is always written too). */
export type StateKind = "ok" | "warn" | "bad" | "off" | "none";

export function stateKind(state: RelayState | null): StateKind {
  switch (state) {
    case null:
      return "none";
    case "ONLINE":
      return "ok";
    case "DISABLED":
      return "off";
    case "UNAUTHORIZED":
    case "NOT_FOUND":
    case "FAILED":
      return "bad";
    default:
      return "warn";
  }
}

/** `changes` oldest first (as the API sends them); segments in time order, no zero-width ones. */
export function timelineSegments(changes: readonly StateChange[], window: TimelineWindow, now: number): TimelineSegment[] {
  const span = WINDOW_MS[window];
  const start = now - span;
  const sorted = [...changes].map((c) => ({ ...c, t: Date.parse(c.at) })).filter((c) => !Number.isNaN(c.t)).sort((a, b) => a.t - b.t);
  const stretches: Array<{ state: RelayState | null; from: number; to: number }> = [];
  let state: RelayState | null = sorted[0]?.previousState ?? null;
  let from = start;
  for (const change of sorted) {
    if (change.t > from) stretches.push({ state, from, to: Math.min(change.t, now) });
    state = change.state;
    from = Math.max(from, change.t);
    if (from >= now) break;
  }
  if (from < now) stretches.push({ state, from, to: now });
  return stretches
    .map((s) => ({ ...s, from: Math.max(s.from, start) }))
    .filter((s) => s.to > s.from)
    .map((s) => ({ ...s, start: (s.from - start) / span, width: (s.to - s.from) / span }));
}

/** The changes inside the window, newest first (the list under the bar). */
export function changesInWindow<T extends StateChange>(changes: readonly T[], window: TimelineWindow, now: number): T[] {
  const start = now - WINDOW_MS[window];
  return changes.filter((c) => Date.parse(c.at) >= start).reverse();
}
