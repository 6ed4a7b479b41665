/**
 * Scenario 1's figures for one payload: medians per variant, per-round ratios (plugin ÷ bare, plugin ÷ direct),
 * added p50 latency, and CPU — including CPU milliseconds per request, which says how much each listener costs
 * independently of how much CPU the (shared, noisy) machine happened to give it.
 */
import { medianDifference, medianOf, medianRatio, type VariantRun } from "../lib/interleave";
import { goalRow, type ScenarioOutput } from "../lib/scenario";
import type { Row } from "../lib/table";

type Series = Record<string, VariantRun[]>;
const rps = (r: VariantRun) => r.reqPerSec;
const p50 = (r: VariantRun) => r.p50Ms;
/** CPU ms per successful request of the process that did the listening in that variant. */
const cpuMsPerRequest = (pick: (r: VariantRun) => number) => (r: VariantRun) => (pick(r) * 1000) / r.reqPerSec;

export function reportPayload(scenario: string, key: string, label: string, s: Series, out: ScenarioOutput): void {
  variantMetrics(key, s, out);
  const plugin = s.plugin;
  const ratioBare = plugin ? medianRatio(plugin, s.bare, rps) : Number.NaN;
  const ratioDirect = plugin ? medianRatio(plugin, s.direct, rps) : Number.NaN;
  const added = plugin ? medianDifference(plugin, s.bare, p50) : Number.NaN;
  Object.assign(out.metrics, {
    [`relay.${key}.ratioPluginToBare`]: ratioBare,
    [`relay.${key}.ratioPluginToDirect`]: ratioDirect,
    [`relay.${key}.ratioBareToDirect`]: medianRatio(s.bare, s.direct, rps),
    [`relay.${key}.addedP50MsPluginOverBare`]: added,
  });
  out.rows.push(
    ...summaryRows(scenario, label, s),
    goalRow(scenario, `${label} throughput plugin ÷ bare (median of per-round ratios)`, ratioBare, { op: ">=", limit: 0.95 }),
    { scenario, metric: `${label} throughput plugin ÷ direct`, value: ratioDirect },
    goalRow(scenario, `${label} added p50 latency plugin − bare`, added, { op: "<=", limit: 0.5, unit: "ms" }),
  );
}

function variantMetrics(key: string, s: Series, out: ScenarioOutput): void {
  for (const v of Object.keys(s)) {
    out.metrics[`relay.${key}.${v}.reqPerSec`] = medianOf(s[v], rps);
    out.metrics[`relay.${key}.${v}.p50Ms`] = medianOf(s[v], p50);
    out.metrics[`relay.${key}.${v}.p99Ms`] = medianOf(s[v], (r) => r.p99Ms);
    out.metrics[`relay.${key}.${v}.failed`] = s[v].reduce((n, r) => n + r.errors + r.non2xx, 0);
    out.metrics[`relay.${key}.${v}.emulatorCpuShare`] = medianOf(s[v], (r) => r.cpu.emulator);
  }
  out.metrics[`relay.${key}.bare.listenerCpuShare`] = medianOf(s.bare, (r) => r.cpu.bare);
  out.metrics[`relay.${key}.bare.cpuMsPerRequest`] = medianOf(s.bare, cpuMsPerRequest((r) => r.cpu.bare));
  if (s.plugin) {
    out.metrics[`relay.${key}.plugin.hostCpuShare`] = medianOf(s.plugin, (r) => r.cpu.host);
    out.metrics[`relay.${key}.plugin.cpuMsPerRequest`] = medianOf(s.plugin, cpuMsPerRequest((r) => r.cpu.host));
  }
}

function summaryRows(scenario: string, label: string, s: Series): Row[] {
  const fmt = (v: string, f: (r: VariantRun) => number, d = 0) => (s[v] ? medianOf(s[v], f).toFixed(d) : "n/a");
  const three = (f: (r: VariantRun) => number, d = 0) => ["direct", "bare", "plugin"].map((v) => fmt(v, f, d)).join(" / ");
  const rows: Row[] = [
    { scenario, metric: `${label} req/s direct / bare / plugin`, value: three(rps) },
    { scenario, metric: `${label} p50 ms direct / bare / plugin`, value: three(p50, 2) },
    { scenario, metric: `${label} p99 ms direct / bare / plugin`, value: three((r) => r.p99Ms, 2) },
    { scenario, metric: `${label} emulator CPU (bare / plugin runs)`, value: `${fmt("bare", (r) => r.cpu.emulator * 100)} / ${fmt("plugin", (r) => r.cpu.emulator * 100)} % of a core` },
  ];
  if (s.plugin) {
    const perReq = (v: string, pick: (r: VariantRun) => number) => fmt(v, cpuMsPerRequest(pick), 3);
    rows.push(
      { scenario, metric: `${label} listener CPU plugin host / bare forwarder`, value: `${fmt("plugin", (r) => r.cpu.host * 100)} / ${fmt("bare", (r) => r.cpu.bare * 100)} % of a core` },
      { scenario, metric: `${label} listener CPU ms per request plugin / bare`, value: `${perReq("plugin", (r) => r.cpu.host)} / ${perReq("bare", (r) => r.cpu.bare)}` },
    );
  }
  return rows;
}
