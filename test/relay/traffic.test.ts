import { LATENCY_WINDOW, TrafficCounter, latencySummary, percentile } from "../../server/relay/traffic";

describe("percentiles", () => {
  it("uses the nearest rank", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it("summarises unsorted samples", () => {
    expect(latencySummary([30, 10, 20])).toEqual({ p50: 20, p95: 30, p99: 30 });
    expect(latencySummary([])).toBeNull();
  });
});

describe("TrafficCounter", () => {
  it("counts requests, failures by class, bytes and the last request time", () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const counter = new TrafficCounter(() => now);
    counter.started();
    counter.finished({ bytesIn: 10, bytesOut: 100, latencyMs: 5 });
    now += 1000;
    counter.started();
    counter.finished({ bytesIn: 0, bytesOut: 20, latencyMs: 7, failure: "targetTimeout" });
    const snap = counter.snapshot();
    expect(snap).toMatchObject({ requests: 2, bytesIn: 10, bytesOut: 120, lastRequestAt: "2026-01-01T12:00:01.000Z" });
    expect(snap.failed).toEqual({ targetUnreachable: 0, targetTimeout: 1, tooLarge: 0, targetError: 0, aborted: 0 });
    expect(snap.latencyMs).toEqual({ p50: 5, p95: 7, p99: 7 });
  });

  it("reports a change once, until something new happens", () => {
    const counter = new TrafficCounter();
    expect(counter.changed).toBe(false);
    counter.started();
    expect(counter.changed).toBe(true);
    counter.snapshot();
    expect(counter.changed).toBe(false);
  });

  it("computes latency over the last window only", () => {
    const counter = new TrafficCounter();
    for (let i = 0; i < LATENCY_WINDOW; i++) counter.finished({ bytesIn: 0, bytesOut: 0, latencyMs: 1000 });
    for (let i = 0; i < LATENCY_WINDOW; i++) counter.finished({ bytesIn: 0, bytesOut: 0, latencyMs: i + 1 });
    expect(counter.snapshot().latencyMs).toEqual({ p50: 500, p95: 950, p99: 990 });
  });
});
