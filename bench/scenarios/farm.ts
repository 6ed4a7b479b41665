/**
 * Scenario 8: the web farm (issue 11's goals). Three hosts share a private Redis; one registration is listened for by
 * all three. (1) changes on one host applied on all: p99; (2) Redis down for 30 s (quick 10 s, `--redis-down SEC`)
 * under a steady request stream: failed relayed requests; (3) one host SIGKILLed under the stream: failures vs. its
 * in-flight requests at the kill, and failures among the requests sent after it.
 */
import { percentile } from "../lib/stats";
import { startBenchFarm, waitOnAllHosts } from "../lib/farm-hosts";
import { goalRow, type BenchContext, type Scenario, type ScenarioOutput } from "../lib/scenario";
import type { Row } from "../lib/table";
import { addHybridConnections, addRegistration } from "../lib/stack";
import { measurePropagation, type PropagationTimes } from "./farm-propagation";
import { killUnderLoad, redisDownUnderLoad, type KillResult, type OutageResult } from "./farm-faults";

const S = "8. web farm";
const HC = "bench-farm";
const HOSTS = 3;

export const farm: Scenario = { id: "farm", title: S, run };

async function run(ctx: BenchContext): Promise<ScenarioOutput> {
  await addHybridConnections(ctx.emulator, [HC]);
  const benchFarm = await startBenchFarm(ctx.target, HOSTS);
  try {
    const id = await addRegistration(benchFarm.hosts[0], ctx.emulator, HC);
    await waitOnAllHosts(benchFarm.hosts, id, "ONLINE", 30_000);
    await untilListeners(ctx, HOSTS);
    const propagation = await measurePropagation(benchFarm.hosts, id, ctx.quick ? 20 : 60, ctx.progress);
    await waitOnAllHosts(benchFarm.hosts, id, "ONLINE", 30_000);
    await untilListeners(ctx, HOSTS);
    const outage = await redisDownUnderLoad(ctx, benchFarm, HC, id, ctx.redisDownSec ?? (ctx.quick ? 10 : 30));
    ctx.progress(`  outage: ${outage.failedDuring} of ${outage.requestsDuring} relayed requests failed; change refused with ${outage.refusedWith || "nothing"}`);
    await waitOnAllHosts(benchFarm.hosts, id, "ONLINE", 30_000);
    const kill = await killUnderLoad(ctx, benchFarm.hosts[HOSTS - 1], HC);
    ctx.progress(`  kill: ${kill.failed} failed, ${kill.inFlightAtKill} in flight on the killed host, ${kill.failedAfter} of ${kill.requestsAfter} failed after`);
    return report(propagation, outage, kill);
  } finally {
    await benchFarm.stop();
  }
}

async function untilListeners(ctx: BenchContext, count: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await ctx.emulator.request<number>("listenerCount", HC)) !== count) {
    if (Date.now() > deadline) throw new Error(`the relay does not see ${count} listeners on ${HC}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function report(p: PropagationTimes, o: OutageResult, k: KillResult): ScenarioOutput {
  const all = [...p.disable, ...p.enable];
  const metrics = {
    "farm.hosts": HOSTS,
    "farm.propagation.changes": all.length,
    "farm.propagation.missed": p.missed,
    "farm.propagation.p50Seconds": percentile(all, 50),
    "farm.propagation.p99Seconds": percentile(all, 99),
    "farm.propagation.maxSeconds": all.length ? Math.max(...all) : Number.NaN,
    "farm.propagation.disable.p99Seconds": percentile(p.disable, 99),
    "farm.propagation.enable.p99Seconds": percentile(p.enable, 99),
    "farm.redisDown.seconds": o.downSeconds,
    "farm.redisDown.requestsDuring": o.requestsDuring,
    "farm.redisDown.failedDuring": o.failedDuring,
    "farm.redisDown.failedOverall": o.failedOverall,
    "farm.redisDown.changeRefusedWith": o.refusedWith,
    "farm.redisDown.recoverySeconds": o.recoverySeconds,
    "farm.hostKilled.requests": k.requests,
    "farm.hostKilled.failed": k.failed,
    "farm.hostKilled.inFlightAtKill": k.inFlightAtKill,
    "farm.hostKilled.requestsAfter": k.requestsAfter,
    "farm.hostKilled.failedAfter": k.failedAfter,
    "farm.hostKilled.detectedSeconds": k.detectedSeconds,
  };
  const within = k.failed <= k.inFlightAtKill;
  const rows: Row[] = [
    goalRow(S, `change on one host applied on all ${HOSTS}: p99 of ${all.length} (disable/enable in turn; ${p.missed} missed)`, metrics["farm.propagation.p99Seconds"], { op: "<", limit: 1, unit: "s" }),
    { scenario: S, metric: "change applied on all: p50 / max; p99 disable / enable (incl. listener connect) (s)", value: `${fmt(metrics["farm.propagation.p50Seconds"])} / ${fmt(metrics["farm.propagation.maxSeconds"])}; ${fmt(metrics["farm.propagation.disable.p99Seconds"])} / ${fmt(metrics["farm.propagation.enable.p99Seconds"])}` },
    goalRow(S, `Redis down ${o.downSeconds.toFixed(0)} s under load: failed relayed requests (of ${o.requestsDuring})`, o.failedDuring, { op: "<=", limit: 0 }),
    { scenario: S, metric: "Redis down: a change refused with / s from Redis back to a change seen on all hosts", value: `${o.refusedWith || "accepted (!)"} / ${fmt(o.recoverySeconds)}` },
    { scenario: S, metric: `host killed under load: failed requests / its in-flight requests at the kill (of ${k.requests})`, value: `${k.failed} / ${k.inFlightAtKill}`, goal: "failed ≤ in-flight", verdict: Number.isFinite(k.inFlightAtKill) ? (within ? "met" : "NOT met") : "n/a" },
    goalRow(S, `host killed: failed requests sent after the relay saw it go (of ${k.requestsAfter})`, k.failedAfter, { op: "<=", limit: 0 }),
    { scenario: S, metric: "host killed: s from SIGKILL until the relay saw its listener go (≤, includes polling)", value: k.detectedSeconds },
  ];
  return { metrics, rows };
}

const fmt = (value: number): string => (Number.isFinite(value) ? value.toFixed(3) : "n/a");
