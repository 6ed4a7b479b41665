/** How much history is kept and how often it is written (docs/operations.md, History). */
import type { HostConfig } from "../../host/contract";

/** History bounds and write pace. */
export interface HistorySettings {
  /** Records older than this are dropped (the newest older one stays as the window's starting state). @default 7 days (the longest window asked for) */
  maxAgeMs: number;
  /** Most records kept per registration and host; the oldest go first. @default 1000 (a flapping listener cannot grow the store) */
  maxChanges: number;
  /**
   * Changes are written at most once per this many ms per registration (batched), never from the listener's
   * status callback itself. `azure-relay.history.flushMs`. @default 2000 (a restart loses at most 2 s of history)
   */
  flushMs: number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export function historySettingsFrom(config: HostConfig): HistorySettings {
  const raw = config.get("history.flushMs")?.trim();
  let flushMs = 2000;
  if (raw) {
    flushMs = Number(raw);
    if (!Number.isSafeInteger(flushMs) || flushMs < 10 || flushMs > 60_000) {
      throw new Error(`Setting azure-relay.history.flushMs is ${JSON.stringify(raw)} — use a whole number of milliseconds from 10 to 60000.`);
    }
  }
  return { maxAgeMs: 7 * DAY_MS, maxChanges: 1000, flushMs };
}
