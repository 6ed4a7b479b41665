/**
 * Scenario 8 (issue 12 goal): what the request journal and the metrics counted from it cost. Two plugin hosts on
 * the same engine, one with the journal on (default) and /metrics scraped as Prometheus would, one with `journal=off`
 * (its own hybrid connection); relayed small GETs (1 kB answer) at 10 connections, interleaved rounds in the same
 * run; goal: throughput on ÷ off ≥ 0.97 (median of per-round ratios).
 */
import { interleave, medianOf, medianRatio, type VariantRun } from "../lib/interleave";
import { JOURNAL_OFF_HC, PLUGIN_HC } from "../lib/names";
import { stopAll } from "../lib/processes";
import { profiled } from "../lib/profiling";
import { median } from "../lib/stats";
import { goalRow, type BenchContext, type Scenario, type ScenarioOutput } from "../lib/scenario";
import { addHybridConnections, relayRequest, type HostChild } from "../lib/stack";
import { startOnlinePluginHost } from "./plugin-host";

const S = "8. journal cost";
const CONNECTIONS = 10;
const PATH = "/bytes?n=1024";
/**
 * A scrape every 15 s, the interval most Prometheus setups use (its own default is 1 min). A scrape renders the host's
 * process metrics too, which cost the same with the journal off; BENCH_SCRAPE_MS overrides it (1000 in FINDINGS).
 */
const SCRAPE_EVERY_MS = Number(process.env.BENCH_SCRAPE_MS ?? 15_000);

export const journalCost: Scenario = { id: "journal", title: S, run };

async function run(ctx: BenchContext): Promise<ScenarioOutput> {
  let on: HostChild | undefined;
  let off: HostChild | undefined;
  let scraper: NodeJS.Timeout | undefined;
  try {
    await addHybridConnections(ctx.emulator, [JOURNAL_OFF_HC]);
    // BENCH_JOURNAL_CALIBRATE=1: the "on" host runs with the journal off too (an A/A run): how far apart two equal
    // hosts come out in this design on this machine, to read the on ÷ off figure against.
    on = await startOnlinePluginHost(ctx, "journal", { journal: process.env.BENCH_JOURNAL_CALIBRATE === "1" ? "off" : "on", hybridConnection: PLUGIN_HC });
    off = await startOnlinePluginHost(ctx, "journal", { journal: "off", hybridConnection: JOURNAL_OFF_HC });
    const scrapes = { ok: 0, failed: 0, ms: [] as number[] };
    const onHost = on;
    scraper = setInterval(() => void scrape(onHost, scrapes), SCRAPE_EVERY_MS);
    // --profile: a window profile of each host (main thread and data-plane worker) over the measured rounds.
    const offHost = off;
    const series = await profiled(ctx, [onHost], "journal", "on", () => profiled(ctx, [offHost], "journal", "off", () => measure(ctx, onHost.pid, offHost.pid)));
    clearInterval(scraper);
    const journaled = await journalSize(on);
    return report(series, scrapes, journaled);
  } finally {
    clearInterval(scraper);
    await stopAll([on, off]);
  }
}

async function measure(ctx: BenchContext, onPid: number, offPid: number): Promise<Record<string, VariantRun[]>> {
  const rounds = ctx.quick ? 8 : 16;
  const durationSec = ctx.quick ? 1.5 : 3;
  ctx.progress(`  small GET: ${rounds} interleaved rounds of journal on / off (order alternating per round)`);
  const via = (hc: string) => {
    const r = relayRequest(ctx.emulator, hc, PATH);
    return { url: r.url, headers: r.headers, method: "GET" as const, connections: CONNECTIONS, durationSec };
  };
  const watch = { emulator: ctx.emulator.pid, target: ctx.target.pid, on: onPid, off: offPid };
  const series: Record<string, VariantRun[]> = { on: [], off: [] };
  for (let round = 0; round < rounds; round++) {
    // A B, then B A: whichever runs second in a pair meets a warmer (or more loaded) machine; alternating cancels it.
    const order = round % 2 === 0 ? ["on", "off"] : ["off", "on"];
    const variants = Object.fromEntries(order.map((v) => [v, via(v === "on" ? PLUGIN_HC : JOURNAL_OFF_HC)]));
    const one = await interleave({ variants, rounds: 1, warmupSec: round === 0 ? (ctx.quick ? 1 : 2) : 0.3, watch });
    for (const v of order) {
      series[v]!.push(one[v]![0]!);
      const r = one[v]![0]!;
      ctx.progress(`    round ${round + 1} ${v.padEnd(3)} ${r.reqPerSec.toFixed(0)} req/s p50 ${r.p50Ms.toFixed(2)} ms errors ${r.errors + r.non2xx}`);
    }
  }
  return series;
}

function report(s: Record<string, VariantRun[]>, scrapes: Scrapes, journaled: number): ScenarioOutput {
  const rps = (r: VariantRun) => r.reqPerSec;
  const ratio = medianRatio(s.on!, s.off!, rps);
  const cpuMs = (runs: VariantRun[], name: string) => medianOf(runs, (r) => ((r.cpu[name] ?? Number.NaN) * 1000) / r.reqPerSec);
  const metrics = {
    "journal.smallGet.on.reqPerSec": medianOf(s.on!, rps),
    "journal.smallGet.off.reqPerSec": medianOf(s.off!, rps),
    "journal.smallGet.on.p50Ms": medianOf(s.on!, (r) => r.p50Ms),
    "journal.smallGet.off.p50Ms": medianOf(s.off!, (r) => r.p50Ms),
    "journal.smallGet.on.cpuMsPerRequest": cpuMs(s.on!, "on"),
    "journal.smallGet.off.cpuMsPerRequest": cpuMs(s.off!, "off"),
    "journal.smallGet.ratioOnToOff": ratio,
    "journal.smallGet.failed": [...s.on!, ...s.off!].reduce((n, r) => n + r.errors + r.non2xx, 0),
    "journal.metricsScrapes": scrapes.ok,
    "journal.metricsScrapeEveryMs": SCRAPE_EVERY_MS,
    "journal.metricsScrapeMedianMs": median(scrapes.ms),
    "journal.metricsScrapesFailed": scrapes.failed,
    "journal.entriesKept": journaled,
  };
  return {
    metrics,
    rows: [
      goalRow(S, "small GET throughput journal + metrics on ÷ off (median of per-round ratios)", ratio, { op: ">=", limit: 0.97 }),
      { scenario: S, metric: "small GET req/s on / off", value: `${metrics["journal.smallGet.on.reqPerSec"].toFixed(0)} / ${metrics["journal.smallGet.off.reqPerSec"].toFixed(0)}` },
      { scenario: S, metric: "small GET p50 ms on / off", value: `${metrics["journal.smallGet.on.p50Ms"].toFixed(2)} / ${metrics["journal.smallGet.off.p50Ms"].toFixed(2)}` },
      { scenario: S, metric: "host CPU ms per request on / off", value: `${metrics["journal.smallGet.on.cpuMsPerRequest"].toFixed(3)} / ${metrics["journal.smallGet.off.cpuMsPerRequest"].toFixed(3)}` },
      { scenario: S, metric: `/metrics scrapes every ${SCRAPE_EVERY_MS / 1000} s (failed), median ms / journal entries kept`, value: `${scrapes.ok} (${scrapes.failed}), ${median(scrapes.ms).toFixed(1)} / ${journaled}` },
    ],
  };
}

interface Scrapes {
  ok: number;
  failed: number;
  ms: number[];
}

async function scrape(host: HostChild, count: Scrapes): Promise<void> {
  const started = performance.now();
  try {
    const response = await fetch(`${host.info.url}/metrics`, { headers: { authorization: `Bearer ${host.info.adminToken}` } });
    const text = await response.text();
    count.ms.push(performance.now() - started);
    if (response.ok && text.includes("azure_relay_request_duration_seconds_bucket")) count.ok++;
    else count.failed++;
  } catch {
    count.failed++;
  }
}

/** How many entries the "on" host's journal holds: proves the journal was really recording. */
async function journalSize(host: HostChild & { registrationId?: string }): Promise<number> {
  const response = await fetch(`${host.info.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${host.info.adminToken}` },
    body: JSON.stringify({ query: `query($id: ID!) { relayRequests(registrationId: $id) { id } }`, variables: { id: host.registrationId } }),
  });
  const body = (await response.json()) as { data?: { relayRequests: unknown[] } };
  return body.data?.relayRequests.length ?? -1;
}
