/**
 * Traffic of one registration summed over its listener generations. The worker reports cumulative counters per
 * listener (`traffic` events); a registration lives through many listeners (reconnects, rotations, restarts), and
 * an admin wants one running total, so the counters of finished listeners are folded into `retired`.
 */
import type { TrafficSnapshot } from "../../relay/protocol";

type FailedCounts = TrafficSnapshot["failed"];

/** A snapshot with every counter at zero. */
export function emptyTraffic(): TrafficSnapshot {
  return {
    requests: 0,
    failed: { targetUnreachable: 0, targetTimeout: 0, tooLarge: 0, targetError: 0, aborted: 0 },
    bytesIn: 0,
    bytesOut: 0,
    lastRequestAt: null,
    latencyMs: null,
  };
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** `a + sign * b` for the counters; `lastRequestAt` is the later of both; latency is left to the caller. */
function combine(a: TrafficSnapshot, b: TrafficSnapshot, sign: 1 | -1): TrafficSnapshot {
  const failed = { ...a.failed };
  for (const key of Object.keys(failed) as Array<keyof FailedCounts>) failed[key] += sign * (b.failed[key] ?? 0);
  return {
    requests: a.requests + sign * b.requests,
    failed,
    bytesIn: a.bytesIn + sign * b.bytesIn,
    bytesOut: a.bytesOut + sign * b.bytesOut,
    lastRequestAt: later(a.lastRequestAt, b.lastRequestAt),
    latencyMs: a.latencyMs,
    ...(a.foldedHeaders || b.foldedHeaders ? { foldedHeaders: (a.foldedHeaders ?? 0) + sign * (b.foldedHeaders ?? 0) } : {}),
    ...(a.tokenRenewals || b.tokenRenewals ? { tokenRenewals: (a.tokenRenewals ?? 0) + sign * (b.tokenRenewals ?? 0) } : {}),
  };
}

/** How many finished listeners are remembered, so a traffic report arriving after `down` is still counted once. */
const REMEMBERED_RETIRED = 8;

export class TrafficLedger {
  private retired = emptyTraffic();
  private readonly live = new Map<string, TrafficSnapshot>();
  private readonly recentlyRetired = new Map<string, TrafficSnapshot>();
  private current: string | null = null;
  private lastLatency: TrafficSnapshot["latencyMs"] = null;

  /** Records a listener's cumulative snapshot. */
  update(listenerId: string, snapshot: TrafficSnapshot): void {
    const late = this.recentlyRetired.get(listenerId);
    if (late) {
      // Already folded in: add only what is new since the snapshot we folded.
      this.retired = combine(this.retired, combine(snapshot, late, -1), 1);
      this.recentlyRetired.set(listenerId, snapshot);
    } else {
      this.live.set(listenerId, snapshot);
    }
    if (listenerId === this.current) this.lastLatency = snapshot.latencyMs;
  }

  /** The listener whose latency is reported (the one serving now). */
  setCurrent(listenerId: string): void {
    this.current = listenerId;
    this.lastLatency = this.live.get(listenerId)?.latencyMs ?? null;
  }

  /** A listener is gone: fold its counters into the running total. */
  retire(listenerId: string): void {
    if (this.recentlyRetired.has(listenerId)) return;
    const snapshot = this.live.get(listenerId) ?? emptyTraffic();
    this.live.delete(listenerId);
    this.retired = combine(this.retired, snapshot, 1);
    this.recentlyRetired.set(listenerId, snapshot);
    if (this.recentlyRetired.size > REMEMBERED_RETIRED) {
      this.recentlyRetired.delete(this.recentlyRetired.keys().next().value as string);
    }
  }

  /** Totals over every generation; latency from the current listener (its last report, even after it went down). */
  snapshot(): TrafficSnapshot {
    let total = this.retired;
    for (const snapshot of this.live.values()) total = combine(total, snapshot, 1);
    return { ...total, failed: { ...total.failed }, latencyMs: this.lastLatency };
  }
}
