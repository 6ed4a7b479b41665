/**
 * Per-registration figures derived from journal records (issue 12 items 3 and 6): the latency histogram, answers by
 * status class and bytes since the plugin started (for /metrics), and per-minute buckets of the last hour (for the
 * tab's chart). Memory is fixed per registration: 16 counters plus at most 60 minutes × 64 fine buckets.
 */
import type { RequestRecord, RequestRecordOutcome } from "../../relay/protocol";
import { FINE_BUCKETS, HISTOGRAM_BOUNDS_SECONDS, fineBucketOf, histogramBucketOf, percentileOfBuckets } from "./latency-buckets";

export const STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx", "none"] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** Minutes the series keeps (the chart shows the last hour). */
export const SERIES_MINUTES = 60;
const MINUTE_MS = 60_000;

export interface TrafficPoint {
  at: Date;
  requests: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

class Minute {
  requests = 0;
  errors = 0;
  maxMs = 0;
  readonly fine = new Uint32Array(FINE_BUCKETS);
  constructor(readonly minute: number) {}
}

/** An error for the chart: anything the target did not answer below 500. */
export function isError(record: RequestRecord): boolean {
  return isErrorOutcome(record.outcome, record.status);
}

function isErrorOutcome(outcome: RequestRecordOutcome, status: number | undefined): boolean {
  return outcome !== "FORWARDED" || (status ?? 0) >= 500;
}

export function statusClassOf(status: number | undefined): StatusClass {
  if (status === undefined || status < 100 || status > 599) return "none";
  return `${Math.floor(status / 100)}xx` as StatusClass;
}

export class RegistrationTraffic {
  /** Non-cumulative counts per Prometheus bucket, the last one for +Inf. */
  readonly buckets = new Float64Array(HISTOGRAM_BOUNDS_SECONDS.length + 1);
  durationSumSeconds = 0;
  count = 0;
  readonly byClass: Record<StatusClass, number> = { "1xx": 0, "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0, none: 0 };
  private readonly minutes: Array<Minute | undefined> = new Array(SERIES_MINUTES);

  add(record: RequestRecord): void {
    this.addFigures(record.at, record.durationMs, record.status, record.outcome);
  }

  /** A record's figures (what packed batches give without building a record: forEachFigure in packed-records.ts). */
  readonly addFigures = (at: number, durationMs: number, status: number | undefined, outcome: RequestRecordOutcome): void => {
    const seconds = durationMs / 1000;
    this.buckets[histogramBucketOf(seconds)]!++;
    this.durationSumSeconds += seconds;
    this.count++;
    this.byClass[statusClassOf(status)]++;
    const minute = Math.floor(at / MINUTE_MS);
    const slot = minute % SERIES_MINUTES;
    let m = this.minutes[slot];
    if (!m || m.minute !== minute) {
      if (m && m.minute > minute) return; // older than the hour the slot now holds
      m = this.minutes[slot] = new Minute(minute);
    }
    m.requests++;
    if (isErrorOutcome(outcome, status)) m.errors++;
    if (durationMs > m.maxMs) m.maxMs = durationMs;
    m.fine[fineBucketOf(durationMs)]!++;
  };

  /** One point per minute of the last `minutes` (1..60) up to `now`, oldest first; empty minutes count zero. */
  series(now: number, minutes: number): TrafficPoint[] {
    const last = Math.floor(now / MINUTE_MS);
    const points: TrafficPoint[] = [];
    for (let minute = last - minutes + 1; minute <= last; minute++) {
      const m = this.minutes[((minute % SERIES_MINUTES) + SERIES_MINUTES) % SERIES_MINUTES];
      const here = m && m.minute === minute ? m : undefined;
      points.push({
        at: new Date(minute * MINUTE_MS),
        requests: here?.requests ?? 0,
        errors: here?.errors ?? 0,
        p50Ms: here ? percentileOfBuckets(here.fine, here.requests, 50, here.maxMs) : null,
        p95Ms: here ? percentileOfBuckets(here.fine, here.requests, 95, here.maxMs) : null,
      });
    }
    return points;
  }
}
