/**
 * The last hour's traffic as the chart draws it: uPlot's aligned columns (x in Unix seconds, one column per
 * series, `null` where a minute had no request: no zero-height bar stroked along the axis, and the latency lines
 * break instead of dropping to zero), and the
 * figures of the text alternative beside it. Pure TS (jest tests it).
 */
import type { TrafficPoint } from "./detail-types";

/** [minutes (Unix s), requests per minute (null for none), p50 ms, p95 ms]. */
export type ChartColumns = [number[], Array<number | null>, Array<number | null>, Array<number | null>];

export function chartColumns(points: readonly TrafficPoint[]): ChartColumns {
  const columns: ChartColumns = [[], [], [], []];
  for (const p of points) {
    const at = Date.parse(p.at);
    if (Number.isNaN(at)) continue;
    columns[0].push(Math.floor(at / 1000));
    columns[1].push(p.requests > 0 ? p.requests : null);
    columns[2].push(p.requests > 0 ? p.p50Ms : null);
    columns[3].push(p.requests > 0 ? p.p95Ms : null);
  }
  return columns;
}

export interface TrafficSummary {
  requests: number;
  errors: number;
  /** The busiest minute's requests. */
  peakPerMinute: number;
  /** The highest p95 of any minute, or null without requests. */
  worstP95Ms: number | null;
}

/** What a screen reader (and the chart's caption) is told about the series. */
export function trafficSummary(points: readonly TrafficPoint[]): TrafficSummary {
  let worst: number | null = null;
  for (const p of points) if (p.requests > 0 && p.p95Ms !== null) worst = worst === null ? p.p95Ms : Math.max(worst, p.p95Ms);
  return {
    requests: points.reduce((sum, p) => sum + p.requests, 0),
    errors: points.reduce((sum, p) => sum + p.errors, 0),
    peakPerMinute: points.reduce((max, p) => Math.max(max, p.requests), 0),
    worstP95Ms: worst,
  };
}
