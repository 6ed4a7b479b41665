/**
 * Scenario 7: what only the native engine can do (issue 10 item 9), through a host whose plugin runs it:
 * time from the target writing a Server-Sent Event to the sender receiving it (median and p99 over 200 events),
 * WebSocket echo round trips per second, and a 1 GiB upload and download (256 MiB in quick mode) with the host's
 * RSS growth. The SSE and WebSocket target runs in this process (one clock on both ends).
 */
import http from "node:http";
import WebSocket from "ws";
import { NATIVE_HC, PLUGIN_HC } from "../lib/names";
import { rssGrowth } from "../lib/rss-growth";
import { goalRow, withTimeout, type BenchContext, type Scenario, type ScenarioOutput } from "../lib/scenario";
import { addRegistration, relayRequest, waitForAll, type HostChild } from "../lib/stack";
import { median, percentile } from "../lib/stats";
import { nowMs, startStreamTarget } from "../lib/stream-target";
import { transfer } from "../lib/transfer";
import { startOnlinePluginHost } from "./plugin-host";

const S = "7. native engine streaming";
const MiB = 2 ** 20;
const EVENTS = 200;

export const nativeStreaming: Scenario = { id: "native", title: S, run };

async function run(ctx: BenchContext): Promise<ScenarioOutput> {
  const local = await startStreamTarget();
  const out: ScenarioOutput = { rows: [], metrics: {} };
  const host = await startOnlinePluginHost(ctx, "native", { engine: "native", hybridConnection: NATIVE_HC, targetUrl: local.url, maxBodyBytes: 0 });
  try {
    // A second registration of the same host, to the sample service, for the big transfers.
    const transfers = await addRegistration(host, ctx.emulator, PLUGIN_HC);
    await waitForAll(host, [transfers], "ONLINE", 20_000);
    await withTimeout("SSE", 60_000, () => sseLatency(ctx, out));
    await withTimeout("WebSocket echo", 60_000, () => webSocketEcho(ctx, out));
    for (const direction of ["upload", "download"] as const) await bigTransfer(ctx, host, direction, (ctx.quick ? 256 : 1024) * MiB, out);
    return out;
  } finally {
    await host.stop();
    await local.close();
  }
}

async function sseLatency(ctx: BenchContext, out: ScenarioOutput): Promise<void> {
  ctx.progress(`  ${EVENTS} Server-Sent Events, one every 5 ms`);
  const r = relayRequest(ctx.emulator, NATIVE_HC, `/sse?n=${EVENTS}&intervalMs=5`);
  const delays = await new Promise<number[]>((resolve, reject) => {
    const seen: number[] = [];
    let buffered = "";
    const req = http.get(r.url, { headers: r.headers, agent: false }, (res) => {
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        const arrived = nowMs();
        buffered += chunk;
        for (let end = buffered.indexOf("\n\n"); end >= 0; end = buffered.indexOf("\n\n")) {
          seen.push(arrived - Number(buffered.slice(0, end).replace(/^data: /, "")));
          buffered = buffered.slice(end + 2);
        }
      });
      res.on("end", () => resolve(seen));
    });
    req.on("error", reject);
  });
  const p50 = median(delays);
  const p99 = percentile(delays, 99);
  Object.assign(out.metrics, { "native.sse.events": delays.length, "native.sse.p50Ms": p50, "native.sse.p99Ms": p99 });
  out.rows.push(
    goalRow(S, `SSE event write → sender, median over ${delays.length} events`, p50, { op: "<", limit: 5, unit: "ms" }),
    goalRow(S, `SSE event write → sender, p99`, p99, { op: "<", limit: 25, unit: "ms" }),
  );
}

async function webSocketEcho(ctx: BenchContext, out: ScenarioOutput): Promise<void> {
  const seconds = ctx.quick ? 2 : 5;
  ctx.progress(`  WebSocket echo round trips for ${seconds} s`);
  const { namespaceHost } = ctx.emulator.info;
  const token = relayRequest(ctx.emulator, NATIVE_HC, "/").headers.ServiceBusAuthorization;
  const ws = new WebSocket(`ws://${namespaceHost}/$hc/${NATIVE_HC}?sb-hc-action=connect`, { headers: { ServiceBusAuthorization: token } });
  await new Promise<void>((resolve, reject) => (ws.once("open", () => resolve()), ws.once("error", reject)));
  const rtts: number[] = [];
  const until = nowMs() + seconds * 1000;
  const payload = Buffer.alloc(64, 0x61);
  while (nowMs() < until) {
    const sent = nowMs();
    await new Promise<void>((resolve) => (ws.once("message", () => resolve()), ws.send(payload)));
    rtts.push(nowMs() - sent);
  }
  ws.close();
  const perSec = rtts.length / seconds;
  Object.assign(out.metrics, { "native.websocket.roundTripsPerSec": perSec, "native.websocket.p50Ms": median(rtts) });
  out.rows.push({ scenario: S, metric: "WebSocket echo round trips per second (one sender, 64 B) / p50 ms", value: `${perSec.toFixed(0)} / ${median(rtts).toFixed(2)}` });
}

async function bigTransfer(ctx: BenchContext, host: HostChild, direction: "upload" | "download", bytes: number, out: ScenarioOutput): Promise<void> {
  ctx.progress(`  ${direction} of ${bytes / MiB} MiB through the native engine`);
  const r = relayRequest(ctx.emulator, PLUGIN_HC, direction === "download" ? `/bytes?n=${bytes}` : "/echo");
  const { result, growth } = await rssGrowth([host], () => transfer(r.url, r.headers, direction === "upload" ? bytes : undefined, 300_000));
  const ok = result.status === 200 && !result.error && (direction === "upload" || result.received === bytes);
  const h = growth[0];
  Object.assign(out.metrics, { [`native.${direction}.bytesMiB`]: bytes / MiB, [`native.${direction}.ok`]: ok, [`native.${direction}.rssGrowthMiB`]: ok ? h.growthMiB : Number.NaN, [`native.${direction}.MiBPerSec`]: ok ? bytes / MiB / result.seconds : Number.NaN });
  const failed = ok ? "" : ` — FAILED: HTTP ${result.status} ${result.error ?? ""}`;
  out.rows.push(goalRow(S, `${direction} ${bytes / MiB} MiB: host RSS growth over idle (${h.idleMiB.toFixed(0)} MiB)${failed}`, ok ? h.growthMiB : Number.NaN, { op: "<", limit: 64, unit: "MiB" }));
}
