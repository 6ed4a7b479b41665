/**
 * uPlot options for the traffic chart: requests per minute as bars on the left axis, p50 and p95 latency as lines
 * on the right axis (ms), times on the x axis in the tab's language (24-hour clock in German, the locale's in
 * English). Colours come in resolved (canvas cannot read CSS custom properties). uPlot's own legend and cursor are
 * off: the element writes its own legend and a text alternative, which a screen reader and a keyboard can reach.
 */
import type uPlot from "uplot";
import type { Language } from "../i18n";

export interface ChartColours {
  requests: string;
  p50: string;
  p95: string;
  text: string;
  grid: string;
}

export interface ChartLabels {
  requests: string;
  p50: string;
  p95: string;
}

/** Axis steps: whole numbers only (a count of requests, whole milliseconds), so no label repeats after rounding. */
const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000];

/** Height of the plot in CSS pixels. 180: an hour's shape is readable; the detail stays scannable on a phone. */
export const CHART_HEIGHT = 180;

/** `library`: the loaded uPlot (for its bar path builder). */
export function chartOptions(library: typeof uPlot, width: number, language: Language, colours: ChartColours, labels: ChartLabels): uPlot.Options {
  const clock = new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit" });
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const axis = { stroke: colours.text, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 } };
  return {
    width,
    height: CHART_HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: true }, requests: { range: (_u, _min, max) => [0, Math.max(1, max)] }, ms: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
    axes: [
      { ...axis, values: (_u, splits) => splits.map((s) => clock.format(s * 1000)) },
      { ...axis, scale: "requests", size: 44, incrs: WHOLE_STEPS, values: (_u, splits) => splits.map((s) => number.format(s)) },
      { ...axis, scale: "ms", side: 1, size: 64, incrs: WHOLE_STEPS, grid: { show: false }, values: (_u, splits) => splits.map((s) => `${number.format(s)} ms`) },
    ],
    series: [
      {},
      { label: labels.requests, scale: "requests", stroke: colours.requests, fill: colours.requests, alpha: 0.55, paths: library.paths.bars?.({ size: [0.7, 16] }), points: { show: false } },
      { label: labels.p50, scale: "ms", stroke: colours.p50, width: 2, spanGaps: false, points: { show: false } },
      { label: labels.p95, scale: "ms", stroke: colours.p95, width: 2, dash: [6, 4], spanGaps: false, points: { show: false } },
    ],
  };
}
