/**
 * Scenario 3: 200 registrations on 200 emulator hybrid connections. (a) In one host: idle RSS, add all 200 over
 * GraphQL, time until all are ONLINE, RSS per registration; throughput of one while the others idle, interleaved
 * with the bare forwarder for a same-run ratio. (b) A second host started over the same store: time from its ready
 * (plugin active, HTTP answering) — and from process spawn — until all 200 are ONLINE: the "from start" figure.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gqlOrThrow } from "../lib/gql";
import { interleave, medianOf, medianRatio } from "../lib/interleave";
import { BARE_HC } from "../lib/names";
import { mapLimit } from "../lib/pool";
import { stopAll, type BenchChild } from "../lib/processes";
import { settle } from "../lib/rss-growth";
import { goalRow, type BenchContext, type Scenario, type ScenarioOutput } from "../lib/scenario";
import { addHybridConnections, addRegistration, relayRequest, startBareChild, startHostChild, waitForAll, type HostChild } from "../lib/stack";

const COUNT = 200;
const S = "3. 200 registrations";
const names = Array.from({ length: COUNT }, (_, i) => `bench-hc-${String(i).padStart(3, "0")}`);

export const manyRegistrations: Scenario = { id: "scale", title: S, run };

async function run(ctx: BenchContext): Promise<ScenarioOutput> {
  const out: ScenarioOutput = { rows: [], metrics: { "scale.registrations200.count": COUNT } };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-bench-scale-"));
  let host: HostChild | undefined;
  let bare: BenchChild<unknown> | undefined;
  try {
    ctx.progress(`  adding ${COUNT} hybrid connections to the emulator`);
    await addHybridConnections(ctx.emulator, names);
    host = await startHostChild(ctx.target, [], dataDir);
    await addAll(ctx, host, out);
    bare = await startBareChild(ctx.emulator, ctx.target, BARE_HC);
    await oneActive(ctx, host, bare, out);
    await stopAll([bare, host]);
    await restart(ctx, dataDir, out);
    return out;
  } finally {
    await stopAll([bare, host]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function addAll(ctx: BenchContext, host: HostChild, out: ScenarioOutput): Promise<void> {
  const idle = await settle(host);
  ctx.progress(`  host idle RSS ${idle.toFixed(0)} MiB; adding ${COUNT} registrations (4 at a time)`);
  const started = Date.now();
  const ids = await mapLimit(names, 4, (name) => addRegistration(host, ctx.emulator, name));
  const addedSec = (Date.now() - started) / 1000;
  await waitForAll(host, ids, "ONLINE", 60_000, 50);
  const allOnlineSec = (Date.now() - started) / 1000;
  const loaded = await settle(host);
  const perReg = (loaded - idle) / COUNT;
  ctx.progress(`    added in ${addedSec.toFixed(1)} s, all ONLINE ${allOnlineSec.toFixed(1)} s after the first add; RSS ${loaded.toFixed(0)} MiB`);
  Object.assign(out.metrics, {
    "scale.registrations200.idleRssMiB": idle,
    "scale.registrations200.loadedRssMiB": loaded,
    "scale.registrations200.rssPerRegistrationMiB": perReg,
    "scale.registrations200.addAllSeconds": addedSec,
    "scale.registrations200.secondsFromFirstAddToAllOnline": allOnlineSec,
  });
  out.rows.push(
    goalRow(S, `RSS per registration (${idle.toFixed(0)} → ${loaded.toFixed(0)} MiB for ${COUNT})`, perReg, { op: "<", limit: 0.5, unit: "MiB" }),
    { scenario: S, metric: `adding ${COUNT} over GraphQL (4 parallel): all added / all ONLINE`, value: `${addedSec.toFixed(1)} s / ${allOnlineSec.toFixed(1)} s` },
  );
}

async function oneActive(ctx: BenchContext, host: HostChild, bare: BenchChild<unknown>, out: ScenarioOutput): Promise<void> {
  const spec = (hc: string) => ({ ...relayRequest(ctx.emulator, hc, "/bytes?n=1024"), connections: 10, durationSec: ctx.quick ? 1.5 : 4 });
  ctx.progress(`  throughput of ${names[0]} while ${COUNT - 1} idle, interleaved with the bare forwarder`);
  const s = await interleave({
    variants: { bare: spec(BARE_HC), plugin: spec(names[0]) },
    rounds: ctx.quick ? 2 : 5,
    warmupSec: ctx.quick ? 0.5 : 1,
    watch: { emulator: ctx.emulator.pid, host: host.pid, bare: bare.pid },
    onRun: (v, i, r) => ctx.progress(`    round ${i + 1} ${v.padEnd(6)} ${r.reqPerSec.toFixed(0)} req/s p50 ${r.p50Ms.toFixed(2)} ms`),
  });
  const rps = medianOf(s.plugin, (r) => r.reqPerSec);
  const ratio = medianRatio(s.plugin, s.bare, (r) => r.reqPerSec);
  Object.assign(out.metrics, {
    "scale.registrations200.oneActive.reqPerSec": rps,
    "scale.registrations200.oneActive.p50Ms": medianOf(s.plugin, (r) => r.p50Ms),
    "scale.registrations200.oneActive.ratioToBare": ratio,
  });
  out.rows.push({ scenario: S, metric: `one of ${COUNT} active, small GET: req/s (÷ bare, same run)`, value: `${rps.toFixed(0)} (${ratio.toFixed(2)})` });
}

async function restart(ctx: BenchContext, dataDir: string, out: ScenarioOutput): Promise<void> {
  ctx.progress(`  restarting the host over the same ${COUNT} registrations`);
  const spawned = Date.now();
  const host = await startHostChild(ctx.target, [], dataDir);
  try {
    const ready = Date.now();
    const list = await gqlOrThrow<{ relayRegistrations: Array<{ id: string }> }>(host.info, "{ relayRegistrations { id } }");
    const ids = list.relayRegistrations.map((r) => r.id);
    await waitForAll(host, ids, "ONLINE", 60_000, 25);
    const fromReady = (Date.now() - ready) / 1000;
    const fromSpawn = (Date.now() - spawned) / 1000;
    ctx.progress(`    all ${ids.length} ONLINE ${fromReady.toFixed(2)} s after ready (${fromSpawn.toFixed(1)} s after spawn)`);
    out.metrics["scale.registrations200.secondsToAllOnline"] = fromReady;
    out.metrics["scale.registrations200.secondsFromSpawnToAllOnline"] = fromSpawn;
    out.rows.push(
      goalRow(S, `host start → all ${COUNT} ONLINE (from host ready)`, fromReady, { op: "<", limit: 5, unit: "s" }),
      { scenario: S, metric: `host start → all ${COUNT} ONLINE (from process spawn, incl. boot)`, value: fromSpawn },
    );
  } finally {
    await host.stop();
  }
}
