/**
 * Scenario 2: streaming memory. A large response and a large upload through the plugin's listener; peak RSS growth
 * of the host process (data-plane worker included) over its idle RSS, the emulator's RSS beside it.
 * Download: 1 GiB in full mode (256 MiB in quick mode), measured first, while the host's idle RSS is still its own.
 * Upload: hyco-https hands a request body over as ONE WebSocket message, which its ws 6 client buffers whole and caps
 * at 100 MiB (FINDINGS.md), so 1 GiB cannot pass; we measure 64/96 MiB and, in full mode, attempt 1 GiB once and
 * record what happens.
 */
import { PLUGIN_HC } from "../lib/names";
import { profiled } from "../lib/profiling";
import { rssGrowth } from "../lib/rss-growth";
import { goalRow, type BenchContext, type Scenario, type ScenarioOutput } from "../lib/scenario";
import { relayRequest, type HostChild } from "../lib/stack";
import { transfer, type TransferResult } from "../lib/transfer";
import { startOnlinePluginHost } from "./plugin-host";

const MiB = 2 ** 20;
const S = "2. stream memory";
const GOAL = { op: "<" as const, limit: 64, unit: "MiB" };

export const streamMemory: Scenario = { id: "stream", title: S, run };

type Direction = "download" | "upload";

async function run(ctx: BenchContext): Promise<ScenarioOutput> {
  const host = await startOnlinePluginHost(ctx, "stream");
  const out: ScenarioOutput = { rows: [], metrics: {} };
  try {
    await measure(ctx, host, "download", (ctx.quick ? 256 : 1024) * MiB, out);
    await measure(ctx, host, "upload", (ctx.quick ? 64 : 96) * MiB, out);
    if (!ctx.quick) await attemptOneGiB(ctx, host, "upload", out);
    return out;
  } finally {
    await host.stop();
  }
}

function send(ctx: BenchContext, direction: Direction, bytes: number): Promise<TransferResult> {
  const r = relayRequest(ctx.emulator, PLUGIN_HC, direction === "download" ? `/bytes?n=${bytes}` : "/echo");
  return transfer(r.url, r.headers, direction === "upload" ? bytes : undefined);
}

async function measure(ctx: BenchContext, host: HostChild, direction: Direction, bytes: number, out: ScenarioOutput): Promise<void> {
  ctx.progress(`  ${direction} of ${bytes / MiB} MiB through the plugin`);
  const transferOnce = () => send(ctx, direction, bytes);
  const { result, growth } = await profiled(ctx, [host, ctx.emulator], "stream", direction, () => rssGrowth([host, ctx.emulator], transferOnce));
  const [h, e] = growth;
  const ok = result.status === 200 && !result.error && (direction === "upload" || result.received === bytes);
  const rate = bytes / MiB / result.seconds;
  ctx.progress(`    HTTP ${result.status} ${result.error ?? ""} in ${result.seconds.toFixed(1)} s; host ${h.idleMiB.toFixed(0)} → ${h.peakMiB.toFixed(0)} MiB, emulator ${e.idleMiB.toFixed(0)} → ${e.peakMiB.toFixed(0)} MiB`);
  const k = `stream.${direction}`;
  Object.assign(out.metrics, {
    [`${k}.bytesMiB`]: bytes / MiB,
    [`${k}.ok`]: ok,
    [`${k}.rssGrowthMiB`]: ok ? h.growthMiB : Number.NaN,
    [`${k}.hostIdleRssMiB`]: h.idleMiB,
    [`${k}.growthPerMiBStreamed`]: ok ? h.growthMiB / (bytes / MiB) : Number.NaN,
    [`${k}.emulatorRssGrowthMiB`]: e.growthMiB,
    [`${k}.emulatorPeakRssMiB`]: e.peakMiB,
    [`${k}.MiBPerSec`]: ok ? rate : Number.NaN,
  });
  out.rows.push(
    goalRow(S, `${direction} ${bytes / MiB} MiB: host RSS growth over idle (${h.idleMiB.toFixed(0)} MiB)${ok ? "" : ` — FAILED: HTTP ${result.status} ${result.error ?? ""}`}`, ok ? h.growthMiB : Number.NaN, GOAL),
    // The emulator's idle RSS keeps what earlier scenarios made it allocate, so its peak says more than its growth.
    { scenario: S, metric: `${direction} ${bytes / MiB} MiB: emulator RSS idle → peak / throughput`, value: `${e.idleMiB.toFixed(0)} → ${e.peakMiB.toFixed(0)} MiB / ${rate.toFixed(0)} MiB/s` },
  );
}

/** Full mode only: what a 1 GiB transfer actually does in this chain, recorded as an outcome, not a figure. */
async function attemptOneGiB(ctx: BenchContext, host: HostChild, direction: Direction, out: ScenarioOutput): Promise<void> {
  ctx.progress(`  attempting ${direction} of 1 GiB`);
  const { result, growth } = await rssGrowth([host], () => send(ctx, direction, 1024 * MiB));
  const outcome = result.status === 200 && !result.error && (direction === "upload" || result.received === 1024 * MiB)
    ? "ok"
    : `failed: HTTP ${result.status}${result.error ? ` ${result.error}` : ""} after ${(result.received / MiB).toFixed(0)} MiB received, ${result.seconds.toFixed(1)} s`;
  out.metrics[`stream.${direction}.oneGiB.outcome`] = outcome;
  out.metrics[`stream.${direction}.oneGiB.rssGrowthMiB`] = growth[0].growthMiB;
  out.rows.push({ scenario: S, metric: `${direction} 1 GiB attempt (host growth ${growth[0].growthMiB.toFixed(0)} MiB)`, value: outcome });
}
