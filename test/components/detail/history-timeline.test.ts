import { changesInWindow, stateKind, timelineSegments } from "../../../components/src/detail/history-timeline";
import type { StateChange } from "../../../components/src/detail/detail-types";

const NOW = Date.UTC(2026, 10, 30, 12, 0);
const hoursAgo = (h: number) => new Date(NOW - h * 3600_000).toISOString();
const change = (h: number, state: StateChange["state"], previousState: StateChange["previousState"] = null): StateChange => ({ at: hoursAgo(h), state, previousState });

test("each state lasts from its change to the next, and the last one until now", () => {
  const segments = timelineSegments([change(12, "CONNECTING"), change(11.5, "ONLINE"), change(6, "DEGRADED")], "24h", NOW);
  expect(segments.map((s) => s.state)).toEqual([null, "CONNECTING", "ONLINE", "DEGRADED"]);
  expect(segments[0].start).toBe(0);
  expect(segments[0].width).toBeCloseTo(0.5);
  expect(segments[2].width).toBeCloseTo(5.5 / 24);
  expect(segments.at(-1)!.start + segments.at(-1)!.width).toBeCloseTo(1);
});

test("a change before the window sets the state the bar starts with", () => {
  const segments = timelineSegments([change(30, "ONLINE"), change(2, "FAILED")], "24h", NOW);
  expect(segments.map((s) => [s.state, Number(s.width.toFixed(4))])).toEqual([["ONLINE", Number((22 / 24).toFixed(4))], ["FAILED", Number((2 / 24).toFixed(4))]]);
});

test("the first change's previous state fills the time before it; the widths add up to the window", () => {
  const segments = timelineSegments([change(48, "RECONNECTING", "ONLINE")], "7d", NOW);
  expect(segments.map((s) => s.state)).toEqual(["ONLINE", "RECONNECTING"]);
  expect(segments.reduce((sum, s) => sum + s.width, 0)).toBeCloseTo(1);
});

test("no changes at all: one stretch of no data", () => {
  expect(timelineSegments([], "24h", NOW).map((s) => s.state)).toEqual([null]);
});

test("the list under the bar holds the window's changes, newest first", () => {
  const changes = [change(30, "ONLINE"), change(5, "FAILED"), change(1, "ONLINE")];
  expect(changesInWindow(changes, "24h", NOW).map((c) => c.at)).toEqual([hoursAgo(1), hoursAgo(5)]);
  expect(changesInWindow(changes, "7d", NOW)).toHaveLength(3);
});

test("states are grouped into kinds for colour; unknown future states are a warning, not an error", () => {
  expect(stateKind("ONLINE")).toBe("ok");
  expect(stateKind("FAILED")).toBe("bad");
  expect(stateKind("DISABLED")).toBe("off");
  expect(stateKind("DEGRADED")).toBe("warn");
  expect(stateKind(null)).toBe("none");
});
