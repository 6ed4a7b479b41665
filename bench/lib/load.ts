/**
 * One bounded load run with autocannon's programmatic API. Latency percentiles come from autocannon's per-response
 * event (float milliseconds) rather than its histogram, which rounds to whole milliseconds — too coarse for a
 * "≤ 0.5 ms added" goal.
 */
import autocannon from "autocannon";
import { percentile } from "./stats";

export interface LoadSpec {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: Buffer;
  /** Fixed concurrency (connections, no pipelining). */
  connections: number;
  /** Seconds to run. */
  durationSec: number;
  /** Per-request timeout in seconds; default 10. */
  timeoutSec?: number;
}

export interface LoadResult {
  /** Successful (2xx) responses per second of wall time. */
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  errors: number;
  non2xx: number;
}

/** Latency samples kept per run, at most: a 5 s run at 10k req/s stays well inside. */
const MAX_SAMPLES = 200_000;

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: spec.url,
    method: spec.method ?? "GET",
    headers: spec.headers,
    body: spec.body,
    connections: spec.connections,
    pipelining: 1,
    duration: spec.durationSec,
    timeout: spec.timeoutSec ?? 10,
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300 && latencies.length < MAX_SAMPLES) latencies.push(responseTime);
  });
  const result = await instance;
  const wallSec = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    reqPerSec: result["2xx"] / Math.max(result.duration || wallSec, 1e-3),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    ok: result["2xx"],
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
