import { chartColumns, trafficSummary } from "../../../components/src/detail/traffic-series";
import type { TrafficPoint } from "../../../components/src/detail/detail-types";

const point = (minute: number, requests: number, p95Ms: number | null, errors = 0): TrafficPoint => ({
  at: new Date(Date.UTC(2026, 10, 30, 16, minute)).toISOString(),
  requests,
  errors,
  p50Ms: p95Ms === null ? null : p95Ms / 2,
  p95Ms,
});

test("columns are Unix seconds, requests, and latencies; a minute without requests is null (no bar, the lines break)", () => {
  const [x, requests, p50, p95] = chartColumns([point(0, 3, 40), point(1, 0, 0), point(2, 5, 90)]);
  expect(x).toEqual([0, 1, 2].map((m) => Date.UTC(2026, 10, 30, 16, m) / 1000));
  expect(requests).toEqual([3, null, 5]);
  expect(p50).toEqual([20, null, 45]);
  expect(p95).toEqual([40, null, 90]);
});

test("a point with an unreadable time is left out rather than drawn at 1970", () => {
  expect(chartColumns([{ ...point(0, 1, 5), at: "nonsense" }, point(1, 2, 6)])[0]).toHaveLength(1);
});

test("the summary adds requests and errors, and names the busiest minute and the worst p95", () => {
  expect(trafficSummary([point(0, 3, 40, 1), point(1, 0, null), point(2, 5, 90, 2)])).toEqual({ requests: 8, errors: 3, peakPerMinute: 5, worstP95Ms: 90 });
  expect(trafficSummary([point(0, 0, null)])).toEqual({ requests: 0, errors: 0, peakPerMinute: 0, worstP95Ms: null });
});
