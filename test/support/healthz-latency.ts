/**
 * Measures a host's /healthz round trips back to back (one in flight at a time, kept-alive connection)
 * while something else runs — the bounded "the event loop never stalls" check of the hostile suite.
 *
 *   const probe = probeHealthz(host.url);
 *   await attack();
 *   const { maxMs, statuses } = await probe.stop();
 */
import * as http from "node:http";
import { performance } from "node:perf_hooks";

export interface HealthzLatency {
  /** Round trips measured. */
  samples: number;
  /** Slowest round trip, in ms. */
  maxMs: number;
  /** Every status seen (a ready host answers 200). */
  statuses: number[];
}

export function probeHealthz(baseUrl: string): { stop(): Promise<HealthzLatency> } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let running = true;
  const durations: number[] = [];
  const statuses = new Set<number>();
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      statuses.add(await get(`${baseUrl}/healthz`, agent));
      durations.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      agent.destroy();
      return { samples: durations.length, maxMs: Math.max(0, ...durations), statuses: [...statuses] };
    },
  };
}

function get(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve(0));
  });
}
