/**
 * Scenario 1: relayed HTTP throughput and latency at a fixed concurrency, small GET (1 kB answer) and 256 kB POST,
 * for (a) the target called directly, (b) the bare hyco-https forwarder, (c) the plugin inside the reference host,
 * (d) a second host whose plugin runs the native engine (on its own hybrid connection), in the same rounds.
 * Also the CPU share of the emulator, the listeners and the target, to see which one is the bottleneck.
 */
import { BARE_HC, NATIVE_HC, PLUGIN_HC } from "../lib/names";
import { interleave, type VariantRun } from "../lib/interleave";
import type { LoadSpec } from "../lib/load";
import { profiled } from "../lib/profiling";
import { stopAll, type BenchChild } from "../lib/processes";
import type { BenchContext, Scenario, ScenarioOutput } from "../lib/scenario";
import { relayRequest, startBareChild, type HostChild } from "../lib/stack";
import { startOnlinePluginHost } from "./plugin-host";
import { reportNative } from "./native-report";
import { reportPayload } from "./relay-report";

const CONNECTIONS = 10;
const PAYLOADS = {
  smallGet: { label: "small GET (1 kB)", method: "GET" as const, path: "/bytes?n=1024", body: undefined },
  post256k: { label: "256 kB POST", method: "POST" as const, path: "/echo", body: Buffer.alloc(256 * 1024, 0x62) },
};
type PayloadKey = keyof typeof PAYLOADS;
const S = "1. relay throughput";

export const relayThroughput: Scenario = { id: "relay", title: S, run };

async function run(ctx: BenchContext): Promise<ScenarioOutput> {
  let bare: BenchChild<unknown> | undefined;
  let host: HostChild | undefined;
  let native: HostChild | undefined;
  try {
    bare = await startBareChild(ctx.emulator, ctx.target, BARE_HC);
    host = await startOnlinePluginHost(ctx, "relay").catch((error: Error) => {
      ctx.progress(`  plugin listener unavailable, measuring direct and bare only: ${error.message.split("\n")[0]}`);
      return undefined;
    });
    native = await startOnlinePluginHost(ctx, "relay", { engine: "native", hybridConnection: NATIVE_HC }).catch((error: Error) => {
      ctx.progress(`  native-engine listener unavailable: ${error.message.split("\n")[0]}`);
      return undefined;
    });
    const out: ScenarioOutput = { rows: [], metrics: { "relay.connections": CONNECTIONS } };
    for (const key of Object.keys(PAYLOADS) as PayloadKey[]) {
      // With --profile: the bare forwarder and the host (main thread + data-plane worker) over this payload's rounds.
      const barePid = bare.pid;
      const series = await profiled(ctx, [bare, host, native], "relay", key, () => measurePayload(ctx, key, barePid, host?.pid, native?.pid));
      reportPayload(S, key, PAYLOADS[key].label, series, out);
      reportNative(S, key, PAYLOADS[key].label, series, out);
    }
    return out;
  } finally {
    await stopAll([bare, host, native]);
  }
}

function variantsFor(ctx: BenchContext, key: PayloadKey, withPlugin: boolean, withNative: boolean): Record<string, LoadSpec> {
  const p = PAYLOADS[key];
  const durationSec = ctx.quick ? 1.5 : 5;
  const base = { method: p.method, body: p.body, connections: CONNECTIONS, durationSec };
  const type = p.body ? { "content-type": "application/octet-stream" } : undefined;
  const viaRelay = (hc: string): LoadSpec => {
    const r = relayRequest(ctx.emulator, hc, p.path);
    return { ...base, url: r.url, headers: { ...r.headers, ...type } };
  };
  const variants: Record<string, LoadSpec> = {
    direct: { ...base, url: new URL(p.path, ctx.target.info.url).toString(), headers: type },
    bare: viaRelay(BARE_HC),
  };
  if (withPlugin) variants.plugin = viaRelay(PLUGIN_HC);
  if (withNative) variants.native = viaRelay(NATIVE_HC);
  return variants;
}

async function measurePayload(ctx: BenchContext, key: PayloadKey, barePid: number, hostPid?: number, nativePid?: number): Promise<Record<string, VariantRun[]>> {
  const rounds = ctx.quick ? 3 : 7;
  ctx.progress(`  ${PAYLOADS[key].label}: ${rounds} interleaved rounds of direct / bare${hostPid ? " / plugin" : ""}${nativePid ? " / native" : ""}`);
  const watch: Record<string, number> = { emulator: ctx.emulator.pid, target: ctx.target.pid, bare: barePid };
  if (hostPid) watch.host = hostPid;
  if (nativePid) watch.native = nativePid;
  return interleave({
    variants: variantsFor(ctx, key, !!hostPid, !!nativePid),
    rounds,
    warmupSec: ctx.quick ? 0.5 : 1,
    watch,
    onRun: (v, round, r) =>
      ctx.progress(`    round ${round + 1} ${v.padEnd(6)} ${r.reqPerSec.toFixed(0)} req/s p50 ${r.p50Ms.toFixed(2)} ms p99 ${r.p99Ms.toFixed(2)} ms` +
        ` errors ${r.errors + r.non2xx} cpu emu ${pct(r.cpu.emulator)} listener ${pct(v === "bare" ? r.cpu.bare : v === "native" ? r.cpu.native : r.cpu.host)}`),
  });
}

function pct(share: number | undefined): string {
  return share === undefined || !Number.isFinite(share) ? "-" : `${(share * 100).toFixed(0)}%`;
}
