/**
 * Interleaved rounds (A B C A B C …): each variant runs once per round, so slow drifts of a shared machine hit all
 * variants alike and per-round ratios cancel them. CPU shares of the watched processes are taken per run.
 */
import { runLoad, type LoadResult, type LoadSpec } from "./load";
import { CpuMeter } from "./proc-stats";
import { median, pairDifferences, pairRatios } from "./stats";

export interface VariantRun extends LoadResult {
  /** CPU share (1.0 = a core) per watched process name during this run. */
  cpu: Record<string, number>;
}

export interface InterleaveOptions {
  variants: Record<string, LoadSpec>;
  rounds: number;
  /** One short unmeasured run per variant first: JIT, keep-alive pools, rendezvous sockets. */
  warmupSec: number;
  /** Processes whose CPU share is recorded, by name. */
  watch: Record<string, number>;
  onRun?: (variant: string, round: number, run: VariantRun) => void;
}

export async function interleave(options: InterleaveOptions): Promise<Record<string, VariantRun[]>> {
  const names = Object.keys(options.variants);
  for (const name of names) await runLoad({ ...options.variants[name], durationSec: options.warmupSec });
  const series: Record<string, VariantRun[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const name of names) {
      const run = await measured(options.variants[name], options.watch);
      series[name].push(run);
      options.onRun?.(name, round, run);
    }
  }
  return series;
}

async function measured(spec: LoadSpec, watch: Record<string, number>): Promise<VariantRun> {
  const meter = new CpuMeter(Object.values(watch));
  const result = await runLoad(spec);
  const shares = meter.shares();
  return { ...result, cpu: Object.fromEntries(Object.entries(watch).map(([name, pid]) => [name, shares.get(pid) ?? Number.NaN])) };
}

/** Median of one field over a variant's runs. */
export function medianOf(runs: readonly VariantRun[], pick: (r: VariantRun) => number): number {
  return median(runs.map(pick));
}

/** Median over rounds of a[i]/b[i] for one field. */
export function medianRatio(a: readonly VariantRun[], b: readonly VariantRun[], pick: (r: VariantRun) => number): number {
  return median(pairRatios(a.map(pick), b.map(pick)));
}

/** Median over rounds of a[i]-b[i] for one field. */
export function medianDifference(a: readonly VariantRun[], b: readonly VariantRun[], pick: (r: VariantRun) => number): number {
  return median(pairDifferences(a.map(pick), b.map(pick)));
}
