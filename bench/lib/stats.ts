/**
 * Pure statistics for the benchmark tables. Medians over interleaved rounds and per-pair ratios are what we report,
 * because the machine is shared: a ratio of two variants measured seconds apart cancels most of the noise.
 */

/** The median of `values` (mean of the two middle ones for an even count); NaN for an empty list. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * The p-th percentile (0–100) with linear interpolation between closest ranks (the same definition as numpy's
 * default), so p50 of an even count is the mean of the middle pair. NaN for an empty list.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (p < 0 || p > 100 || Number.isNaN(p)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** `numerator / denominator`, NaN when the denominator is 0 or either side is not a finite number. */
export function ratio(numerator: number, denominator: number): number {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return Number.NaN;
  return numerator / denominator;
}

/** Per-round ratios a[i] / b[i] of two interleaved series (rounds with a missing side are skipped). */
export function pairRatios(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const r = ratio(a[i], b[i]);
    if (!Number.isNaN(r)) out.push(r);
  }
  return out;
}

/** Per-round differences a[i] - b[i] (e.g. added latency of the plugin over the bare forwarder). */
export function pairDifferences(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) out.push(a[i] - b[i]);
  return out;
}

/** Rounds `value` to `digits` decimals; keeps NaN (JSON turns it into null, which is what we want for "not measured"). */
export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return Number.NaN;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
