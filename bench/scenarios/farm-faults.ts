/**
 * Farm goals 2 and 3, each under a steady stream of relayed requests: Redis down for a while (every relayed request
 * must succeed; a change is refused; after Redis returns a change reaches every host again), and one host killed
 * with SIGKILL (failures at most the requests the relay had in flight on that host's listener when its connection
 * dropped — the emulator counts them — and none among requests sent after).
 */
import { failed, startRequestStream, type StreamOutcome } from "../lib/request-stream";
import { gql } from "../lib/gql";
import type { BenchFarm } from "../lib/farm-hosts";
import type { BenchContext } from "../lib/scenario";
import { relayRequest, type EmulatorChild, type HostChild } from "../lib/stack";
import { nowMs } from "../lib/status-watch";

/** Concurrent senders of the steady stream. */
const CONCURRENCY = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function relaySender(emulator: EmulatorChild, hc: string, path: string): () => Promise<number> {
  const { url, headers } = relayRequest(emulator, hc, path);
  return async () => {
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    return response.status;
  };
}

const between = (outcomes: readonly StreamOutcome[], from: number, to = Infinity) => outcomes.filter((o) => o.seq >= from && o.seq < to);

export interface OutageResult {
  downSeconds: number;
  requestsDuring: number;
  failedDuring: number;
  failedOverall: number;
  requestsOverall: number;
  /** The error code a change got while Redis was down ("" if it was accepted). */
  refusedWith: string;
  /** From Redis answering again until a change made on host 1 is seen on every host. */
  recoverySeconds: number;
}

export async function redisDownUnderLoad(ctx: BenchContext, farm: BenchFarm, hc: string, id: string, downSec: number): Promise<OutageResult> {
  const stream = startRequestStream(CONCURRENCY, relaySender(ctx.emulator, hc, "/api/materials/100-100"));
  await sleep(1000);
  const downFrom = stream.started();
  const downAt = nowMs();
  await farm.redis.stop();
  ctx.progress(`  Redis down for ${downSec} s under load…`);
  let refusedWith = "";
  const deadline = downAt + 10_000;
  while (!refusedWith && nowMs() < deadline) {
    refusedWith = await renameError(farm.hosts[0], id, "during the outage");
    if (!refusedWith) await sleep(200);
  }
  await sleep(Math.max(0, downAt + downSec * 1000 - nowMs()));
  const downTo = stream.started();
  const downSeconds = (nowMs() - downAt) / 1000;
  await farm.redis.start();
  const upAt = nowMs();
  const recoverySeconds = await changeReachesAll(farm.hosts, id, upAt);
  await sleep(1000);
  const outcomes = await stream.stop();
  const during = between(outcomes, downFrom, downTo);
  return {
    downSeconds,
    requestsDuring: during.length,
    failedDuring: failed(during).length,
    failedOverall: failed(outcomes).length,
    requestsOverall: outcomes.length,
    refusedWith,
    recoverySeconds,
  };
}

/** The first error code of renaming registration `id` on `host`; "" when it succeeded. */
async function renameError(host: HostChild, id: string, name: string): Promise<string> {
  const result = await gql(host.info, `mutation($id: ID!, $name: String!) { updateRelayRegistration(id: $id, input: { name: $name }) { id } }`, { id, name });
  const error = result.errors?.[0] as { message: string; extensions?: { code?: string } } | undefined;
  return error ? (error.extensions?.code ?? error.message) : "";
}

/** Seconds from `sinceMs` until a rename on the first host succeeds and every host shows it; NaN after 30 s. */
async function changeReachesAll(hosts: readonly HostChild[], id: string, sinceMs: number): Promise<number> {
  const name = `after the outage ${Date.now()}`;
  const deadline = sinceMs + 30_000;
  while ((await renameError(hosts[0], id, name)) !== "") {
    if (nowMs() > deadline) return Number.NaN;
    await sleep(50);
  }
  for (const host of hosts) {
    for (;;) {
      const result = await gql<{ relayRegistration: { name: string } | null }>(host.info, `query($id: ID!) { relayRegistration(id: $id) { name } }`, { id });
      if (result.data?.relayRegistration?.name === name) break;
      if (nowMs() > deadline) return Number.NaN;
      await sleep(20);
    }
  }
  return (nowMs() - sinceMs) / 1000;
}

export interface KillResult {
  requests: number;
  failed: number;
  /** Requests the relay had in flight on the killed host's listener when its connection dropped. */
  inFlightAtKill: number;
  requestsAfter: number;
  failedAfter: number;
  /** Seconds from the SIGKILL until the relay saw the listener's connection drop. */
  detectedSeconds: number;
}

interface Departure {
  inFlight: number;
}

export async function killUnderLoad(ctx: BenchContext, victim: HostChild, hc: string): Promise<KillResult> {
  // Each request waits 20 ms at the target, so several are in flight on every host at any moment.
  const stream = startRequestStream(CONCURRENCY, relaySender(ctx.emulator, hc, "/slow?ms=20"));
  await sleep(ctx.quick ? 1000 : 3000);
  const known = (await ctx.emulator.request<Departure[]>("departures", hc)).length;
  const killedAt = nowMs();
  process.kill(victim.pid, "SIGKILL");
  let departure: Departure | undefined;
  while (!departure && nowMs() - killedAt < 10_000) {
    departure = (await ctx.emulator.request<Departure[]>("departures", hc))[known];
    if (!departure) await sleep(5);
  }
  const detectedSeconds = (nowMs() - killedAt) / 1000;
  const after = stream.started();
  await sleep(ctx.quick ? 2000 : 5000);
  const outcomes = await stream.stop();
  const later = between(outcomes, after);
  return {
    requests: outcomes.length,
    failed: failed(outcomes).length,
    inFlightAtKill: departure?.inFlight ?? Number.NaN,
    requestsAfter: later.length,
    failedAfter: failed(later).length,
    detectedSeconds,
  };
}
