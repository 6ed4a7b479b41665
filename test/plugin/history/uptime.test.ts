/** Uptime and flaps on crafted sequences: exact numbers, so a wrong rule (DEGRADED counted up, disabled time counted down) fails. */
import type { StateChangeRecord } from "../../../server/plugin/history/state-change";
import { summarise } from "../../../server/plugin/history/uptime";
import type { RelayState } from "../../../server/plugin/supervisor/relay-status";

const HOUR = 3_600_000;
const NOW = Date.parse("2026-11-30T12:00:00Z");
const DAY = 24 * HOUR;

/** `[hoursBeforeNow, state]` pairs, oldest first, as records with previousState filled in. */
function sequence(...steps: Array<[number, RelayState]>): StateChangeRecord[] {
  return steps.map(([hoursAgo, state], i) => ({ at: new Date(NOW - hoursAgo * HOUR).toISOString(), state, previousState: i === 0 ? null : steps[i - 1]![1], hostId: "h1", code: null }));
}

test("no history: uptime unknown (null), no flaps", () => {
  expect(summarise([], NOW, DAY)).toEqual({ uptime: null, flaps: 0 });
});

test("ONLINE the whole window: 100 %; a record older than the window sets the starting state", () => {
  expect(summarise(sequence([48, "CONNECTING"], [47, "ONLINE"]), NOW, DAY)).toEqual({ uptime: 1, flaps: 0 });
});

test("DEGRADED and RECONNECTING are down; each drop from ONLINE to them is a flap", () => {
  // 24 h window: 6 h ONLINE, 2 h DEGRADED, 10 h ONLINE, 1 h RECONNECTING, 5 h ONLINE → 21 of 24 h up, 2 flaps.
  const changes = sequence([30, "ONLINE"], [18, "DEGRADED"], [16, "ONLINE"], [6, "RECONNECTING"], [5, "ONLINE"]);
  const day = summarise(changes, NOW, DAY);
  expect(day.uptime).toBeCloseTo(21 / 24, 10);
  expect(day.flaps).toBe(2);
});

test("disabled time is left out of the observed time, and disabling or stopping is no flap", () => {
  // 12 h ONLINE, 8 h DISABLED (not observed), 4 h ONLINE → 16 of 16 observed hours up; ONLINE→DISABLED is orderly.
  const changes = sequence([24, "ONLINE"], [12, "DISABLED"], [4, "ONLINE"]);
  expect(summarise(changes, NOW, DAY)).toEqual({ uptime: 1, flaps: 0 });
  const stopped = sequence([24, "ONLINE"], [12, "STOPPING"], [10, "CONNECTING"], [9, "ONLINE"]);
  const s = summarise(stopped, NOW, DAY);
  expect(s.flaps).toBe(0);
  expect(s.uptime).toBeCloseTo(21 / 24, 10); // the host being down (STOPPING → restart) counts as not up
});

test("history that starts inside the window is measured from its first record; the 7-day window sees older flaps", () => {
  const changes = sequence([72, "CONNECTING"], [71, "ONLINE"], [50, "FAILED"], [49, "ONLINE"], [2, "UNAUTHORIZED"]);
  const week = summarise(changes, NOW, 7 * DAY);
  expect(week.uptime).toBeCloseTo((21 + 47) / 72, 10);
  expect(week.flaps).toBe(2);
  const day = summarise(changes, NOW, DAY);
  expect(day.uptime).toBeCloseTo(22 / 24, 10);
  expect(day.flaps).toBe(1);
});
