/**
 * Per-listener traffic counters, reported to the supervisor as a `TrafficSnapshot` (protocol.ts).
 * Latency percentiles are computed over a ring of the last `LATENCY_WINDOW` requests: a bounded window keeps memory
 * flat and makes the numbers describe "now" rather than the whole life of the listener.
 */
import type { TrafficSnapshot } from "./protocol";

export const LATENCY_WINDOW = 1000;

export type FailureClass = keyof TrafficSnapshot["failed"];

/** Nearest-rank percentile (p in 0..100) of an ascending array; null when empty. */
export function percentile(sortedAscending: readonly number[], p: number): number | null {
  if (sortedAscending.length === 0) return null;
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1];
}

export function latencySummary(samples: readonly number[]): TrafficSnapshot["latencyMs"] {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50)!, p95: percentile(sorted, 95)!, p99: percentile(sorted, 99)! };
}

/** What the forwarder reports about one finished request. */
export interface RequestOutcome {
  bytesIn: number;
  bytesOut: number;
  latencyMs: number;
  failure?: FailureClass;
  /** The answer had a header with several values folded into one (the relay carries one value per name). */
  foldedHeaders?: boolean;
}

export class TrafficCounter {
  private requests = 0;
  private readonly failed: TrafficSnapshot["failed"] = {
    targetUnreachable: 0,
    targetTimeout: 0,
    tooLarge: 0,
    targetError: 0,
    aborted: 0,
  };
  private bytesIn = 0;
  private bytesOut = 0;
  private foldedHeaders = 0;
  private tokenRenewals = 0;
  /** Kept as a number; formatted only in `snapshot()` (a Date and a string per request add up). */
  private lastRequestAt: number | null = null;
  private readonly latencies: number[] = [];
  private nextSlot = 0;
  /** True when something changed since the last `snapshot()`; the worker reports only changed listeners. */
  private dirty = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** A request arrived (counted at arrival, so in-flight requests show up in `requests` and `lastRequestAt`). */
  started(): void {
    this.requests++;
    this.lastRequestAt = this.now();
    this.dirty = true;
  }

  finished(outcome: RequestOutcome): void {
    this.bytesIn += outcome.bytesIn;
    this.bytesOut += outcome.bytesOut;
    if (outcome.failure) this.failed[outcome.failure]++;
    if (outcome.foldedHeaders) this.foldedHeaders++;
    if (this.latencies.length < LATENCY_WINDOW) this.latencies.push(outcome.latencyMs);
    else this.latencies[this.nextSlot] = outcome.latencyMs;
    this.nextSlot = (this.nextSlot + 1) % LATENCY_WINDOW;
    this.dirty = true;
  }

  /** The listener sent a token renewal. */
  tokenRenewed(): void {
    this.tokenRenewals++;
    this.dirty = true;
  }

  get changed(): boolean {
    return this.dirty;
  }

  snapshot(): TrafficSnapshot {
    this.dirty = false;
    return {
      requests: this.requests,
      failed: { ...this.failed },
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      lastRequestAt: this.lastRequestAt === null ? null : new Date(this.lastRequestAt).toISOString(),
      latencyMs: latencySummary(this.latencies),
      ...(this.foldedHeaders > 0 ? { foldedHeaders: this.foldedHeaders } : {}),
      ...(this.tokenRenewals > 0 ? { tokenRenewals: this.tokenRenewals } : {}),
    };
  }
}
