/**
 * A steady stream of requests at a fixed concurrency, each outcome recorded with its start and end on the monotonic
 * clock, so a fault (a host killed, Redis down) can be lined up against which requests were sent before, during
 * and after it. Used by the farm scenario and the farm tests (counts, not times).
 */
import { nowMs } from "./status-watch";

export interface StreamOutcome {
  /** Sequence number in start order. */
  seq: number;
  startedMs: number;
  endedMs: number;
  /** HTTP status; 0 when the request failed without one (socket error). */
  status: number;
}

export interface RequestStream {
  readonly outcomes: readonly StreamOutcome[];
  /** Requests started so far. */
  started(): number;
  /** Stops starting requests and resolves once every started one has ended. */
  stop(): Promise<StreamOutcome[]>;
}

/** `send` resolves with the HTTP status (or rejects: recorded as status 0). */
export function startRequestStream(concurrency: number, send: (seq: number) => Promise<number>): RequestStream {
  const outcomes: StreamOutcome[] = [];
  let next = 0;
  let running = true;
  const worker = async () => {
    while (running) {
      const seq = next++;
      const startedMs = nowMs();
      const status = await send(seq).catch(() => 0);
      outcomes.push({ seq, startedMs, endedMs: nowMs(), status });
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  return {
    outcomes,
    started: () => next,
    async stop() {
      running = false;
      await Promise.all(workers);
      return [...outcomes].sort((a, b) => a.seq - b.seq);
    },
  };
}

/** Outcomes that are not 2xx. */
export const failed = (outcomes: readonly StreamOutcome[]): StreamOutcome[] => outcomes.filter((o) => o.status < 200 || o.status > 299);
