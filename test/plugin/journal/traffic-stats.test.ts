/** The figures counted from journal records: histogram buckets, status classes, the per-minute series, and the ring. */
import type { RequestRecord } from "../../../server/relay/protocol";
import { HISTOGRAM_BOUNDS_SECONDS, fineBucketOf, fineUpperMs, percentileOfBuckets } from "../../../server/plugin/journal/latency-buckets";
import { Ring } from "../../../server/plugin/journal/request-ring";
import { RegistrationTraffic } from "../../../server/plugin/journal/traffic-stats";

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
const rec = (at: number, durationMs: number, status?: number, outcome: RequestRecord["outcome"] = "FORWARDED"): RequestRecord => ({ at, method: "GET", path: "/", durationMs, bytesIn: 0, bytesOut: 0, outcome, headers: "", responseHeaders: "", ...(status === undefined ? {} : { status }) });

test("the histogram and the status classes count every record", () => {
  const t = new RegistrationTraffic();
  t.add(rec(T0, 0.5, 200));
  t.add(rec(T0, 30, 404));
  t.add(rec(T0, 120_000, 504, "GATEWAY_TIMEOUT"));
  t.add(rec(T0, 5, undefined, "ABORTED"));
  expect(t.count).toBe(4);
  expect(t.buckets[0]).toBe(1); // ≤ 1 ms
  expect(t.buckets[HISTOGRAM_BOUNDS_SECONDS.indexOf(0.05)]).toBe(1); // 30 ms ≤ 50 ms
  expect(t.buckets[HISTOGRAM_BOUNDS_SECONDS.length]).toBe(1); // +Inf
  expect(t.byClass).toEqual({ "1xx": 0, "2xx": 1, "3xx": 0, "4xx": 1, "5xx": 1, none: 1 });
  expect(t.durationSumSeconds).toBeCloseTo(120.0355, 3);
});

test("the series has one point per minute, oldest first; percentiles within 25 % and never above the slowest", () => {
  const t = new RegistrationTraffic();
  for (let i = 1; i <= 100; i++) t.add(rec(T0 + 60_000 + i, i, i === 100 ? 500 : 200));
  t.add(rec(T0 + 3 * 60_000, 7, 200));
  const points = t.series(T0 + 3 * 60_000 + 5, 4);
  expect(points.map((p) => p.at.getTime())).toEqual([T0, T0 + 60_000, T0 + 120_000, T0 + 180_000]);
  expect(points.map((p) => p.requests)).toEqual([0, 100, 0, 1]);
  expect(points[1]!.errors).toBe(1);
  expect(points[0]!.p50Ms).toBeNull();
  expect(points[1]!.p50Ms!).toBeGreaterThanOrEqual(50);
  expect(points[1]!.p50Ms!).toBeLessThanOrEqual(50 * 1.25);
  expect(points[1]!.p95Ms!).toBeGreaterThanOrEqual(95);
  expect(points[1]!.p95Ms!).toBeLessThanOrEqual(100);
  expect(points[3]!.p95Ms).toBeLessThanOrEqual(7);
});

test("a minute older than the hour a slot now holds is not counted into it", () => {
  const t = new RegistrationTraffic();
  t.add(rec(T0 + 61 * 60_000, 1, 200));
  t.add(rec(T0 + 60_000, 1, 200)); // same slot, an hour earlier
  expect(t.series(T0 + 61 * 60_000, 1)[0]!.requests).toBe(1);
});

test("fine buckets grow by 25 % and percentileOfBuckets reads them", () => {
  expect(fineBucketOf(0.05)).toBe(0);
  expect(fineUpperMs(fineBucketOf(10))).toBeGreaterThanOrEqual(10);
  expect(fineUpperMs(fineBucketOf(10))).toBeLessThan(12.5);
  expect(percentileOfBuckets([0, 2, 0], 2, 50, 1)).toBe(Math.min(fineUpperMs(1), 1));
  expect(percentileOfBuckets([0, 0], 0, 50, 0)).toBeNull();
});

test("the ring keeps the newest, newest first, and keeps the newest when resized", () => {
  const ring = new Ring<number>(3);
  for (let i = 1; i <= 5; i++) ring.push(i);
  expect(ring.newestFirst()).toEqual([5, 4, 3]);
  ring.resize(2);
  expect(ring.newestFirst()).toEqual([5, 4]);
  ring.push(6);
  expect(ring.newestFirst()).toEqual([6, 5]);
  ring.resize(4);
  ring.push(7);
  expect(ring.newestFirst()).toEqual([7, 6, 5]);
  ring.resize(0);
  ring.push(8);
  expect(ring.size).toBe(0);
});
