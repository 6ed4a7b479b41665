/**
 * Latency buckets. Two sets: the Prometheus histogram's (few, fixed, in seconds, the usual web-request ladder) and
 * the traffic chart's fine log-spaced ones (each 25 % wider than the last), from which a minute's p50/p95 are read
 * to within 25 % without keeping every sample.
 */

/** Upper bounds (seconds) of `azure_relay_request_duration_seconds`; +Inf is implied. */
export const HISTOGRAM_BOUNDS_SECONDS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** Fine bucket i holds latencies up to FINE_BASE_MS × FINE_GROWTH^i ms; the last one everything above. */
const FINE_BASE_MS = 0.1;
const FINE_GROWTH = 1.25;
export const FINE_BUCKETS = 64; // 0.1 ms … ~130 s

const LOG_GROWTH = Math.log(FINE_GROWTH);

/** The fine bucket of a latency (ms). */
export function fineBucketOf(ms: number): number {
  if (!(ms > FINE_BASE_MS)) return 0;
  return Math.min(FINE_BUCKETS - 1, Math.ceil(Math.log(ms / FINE_BASE_MS) / LOG_GROWTH));
}

/** The upper bound (ms) of fine bucket i. */
export function fineUpperMs(i: number): number {
  return FINE_BASE_MS * FINE_GROWTH ** i;
}

/** The index of the Prometheus bucket for a latency (seconds); HISTOGRAM_BOUNDS_SECONDS.length for +Inf. */
export function histogramBucketOf(seconds: number): number {
  let i = 0;
  while (i < HISTOGRAM_BOUNDS_SECONDS.length && seconds > HISTOGRAM_BOUNDS_SECONDS[i]!) i++;
  return i;
}

/**
 * The p-th percentile (0..100, nearest rank) of fine-bucket counts, as its bucket's upper bound clamped to the
 * largest latency seen; null when empty.
 */
export function percentileOfBuckets(counts: ArrayLike<number>, total: number, p: number, maxMs: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= rank) return Math.min(fineUpperMs(i), maxMs);
  }
  return maxMs;
}
