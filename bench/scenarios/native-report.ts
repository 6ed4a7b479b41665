/**
 * Scenario 1's native-engine figures for one payload (issue 10 item 9): native ÷ bare hyco-https forwarder and
 * native ÷ direct throughput (medians of per-round ratios), added p50 over direct, and CPU ms per request — beside
 * the hyco-https plugin's figures from relay-report.ts, measured in the same interleaved rounds.
 */
import { medianDifference, medianOf, medianRatio, type VariantRun } from "../lib/interleave";
import { goalRow, type ScenarioOutput } from "../lib/scenario";

/** Issue 10's goals: native ÷ bare hyco-https throughput, per payload. */
const GOALS: Record<string, number> = { smallGet: 1.15, post256k: 1.1 };

export function reportNative(scenario: string, key: string, label: string, s: Record<string, VariantRun[]>, out: ScenarioOutput): void {
  const native = s.native;
  if (!native) return;
  const rps = (r: VariantRun) => r.reqPerSec;
  const ratioBare = medianRatio(native, s.bare, rps);
  const ratioDirect = medianRatio(native, s.direct, rps);
  const addedOverDirect = medianDifference(native, s.direct, (r) => r.p50Ms);
  const cpuMsPerRequest = medianOf(native, (r) => ((r.cpu.native ?? Number.NaN) * 1000) / r.reqPerSec);
  Object.assign(out.metrics, {
    [`relay.${key}.native.reqPerSec`]: medianOf(native, rps),
    [`relay.${key}.native.p50Ms`]: medianOf(native, (r) => r.p50Ms),
    [`relay.${key}.native.p99Ms`]: medianOf(native, (r) => r.p99Ms),
    [`relay.${key}.native.failed`]: native.reduce((n, r) => n + r.errors + r.non2xx, 0),
    [`relay.${key}.native.cpuMsPerRequest`]: cpuMsPerRequest,
    [`relay.${key}.ratioNativeToBare`]: ratioBare,
    [`relay.${key}.ratioNativeToDirect`]: ratioDirect,
    [`relay.${key}.addedP50MsNativeOverDirect`]: addedOverDirect,
  });
  out.rows.push(
    goalRow(scenario, `${label} throughput native ÷ bare hyco-https (median of per-round ratios)`, ratioBare, { op: ">=", limit: GOALS[key] ?? 1 }),
    { scenario, metric: `${label} throughput native ÷ direct`, value: ratioDirect },
    { scenario, metric: `${label} added p50 latency native − direct (ms)`, value: addedOverDirect },
    { scenario, metric: `${label} native req/s / p50 / p99 ms / CPU ms per request`, value: `${medianOf(native, rps).toFixed(0)} / ${medianOf(native, (r) => r.p50Ms).toFixed(2)} / ${medianOf(native, (r) => r.p99Ms).toFixed(2)} / ${cpuMsPerRequest.toFixed(3)}` },
  );
}
