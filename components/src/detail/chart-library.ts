/**
 * uPlot, loaded on first use: the components build splits dynamic imports into their own file
 * (scripts/build-components.js), so the ~52 KB of the chart library reach the browser only when a detail view
 * draws its chart, not with every page that shows the tab.
 */
import type uPlot from "uplot";

let loading: Promise<typeof uPlot> | undefined;

export function loadChartLibrary(): Promise<typeof uPlot> {
  loading ??= import("uplot").then((module) => module.default);
  return loading;
}
