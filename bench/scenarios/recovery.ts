/**
 * Scenario 4: recovery. The emulator drops a listener's control channel (fault injection, close 1011 — like Azure
 * recycling a gateway); we time until the registration is ONLINE again (subscription event) and until the first
 * relayed request succeeds (a sender retrying every 10 ms).
 *
 * The 20 drops hit 20 different registrations, one drop each: the supervisor by design keeps backing off a listener
 * that was online for less than `stableAfterMs` (60 s), so 20 drops of ONE listener in a row would measure its
 * flapping guard, not recovery. That guard is measured separately (a few drops of one listener, 300 ms apart).
 */
import { mapLimit } from "../lib/pool";
import { stopAll } from "../lib/processes";
import { goalRow, type BenchContext, type Scenario, type ScenarioOutput } from "../lib/scenario";
import { addHybridConnections, addRegistration, startHostChild, waitForAll, type HostChild } from "../lib/stack";
import { median } from "../lib/stats";
import { StatusWatch } from "../lib/status-watch";
import { dropOnce, type DropTimes } from "./recovery-drop";
import { profileArgs } from "./plugin-host";

const S = "4. recovery after a drop";
const DROPS = 20;
const names = Array.from({ length: DROPS }, (_, i) => `bench-rec-${String(i).padStart(2, "0")}`);

export const recovery: Scenario = { id: "recovery", title: S, run };

async function run(ctx: BenchContext): Promise<ScenarioOutput> {
  await addHybridConnections(ctx.emulator, names);
  let host: HostChild | undefined;
  let watch: StatusWatch | undefined;
  try {
    host = await startHostChild(ctx.target, profileArgs(ctx, "recovery"));
    const ids = await mapLimit(names, 4, (name) => addRegistration(host!, ctx.emulator, name));
    await waitForAll(host, ids, "ONLINE", 30_000);
    watch = new StatusWatch(host.info);
    await new Promise((r) => setTimeout(r, 300)); // let the subscription attach
    const single: DropTimes[] = [];
    for (let i = 0; i < DROPS; i++) {
      single.push(await dropOnce(ctx.emulator, watch, names[i], ids[i]));
      ctx.progress(`  drop ${i + 1}/${DROPS} (${names[i]}): ONLINE after ${single[i].online.toFixed(3)} s, first success after ${single[i].success.toFixed(3)} s`);
    }
    const flapping = await repeatedDrops(ctx, watch, names[0], ids[0]);
    return report(single, flapping);
  } finally {
    await watch?.close().catch(() => undefined);
    await stopAll([host]);
  }
}

/** The flapping guard: drops of one listener, each 300 ms after it came back. */
async function repeatedDrops(ctx: BenchContext, watch: StatusWatch, hc: string, id: string): Promise<DropTimes[]> {
  const times: DropTimes[] = [];
  for (let i = 0; i < (ctx.quick ? 2 : 5); i++) {
    await new Promise((r) => setTimeout(r, 300));
    times.push(await dropOnce(ctx.emulator, watch, hc, id));
    ctx.progress(`  repeated drop ${i + 1} of ${hc}: ONLINE after ${times[i].online.toFixed(3)} s`);
  }
  return times;
}

function report(single: DropTimes[], flapping: DropTimes[]): ScenarioOutput {
  const online = single.map((t) => t.online).filter(Number.isFinite);
  const success = single.map((t) => t.success).filter(Number.isFinite);
  const max = (v: number[]) => (v.length ? Math.max(...v) : Number.NaN);
  const metrics = {
    "recovery.drops": single.length,
    "recovery.recovered": online.length,
    "recovery.medianSecondsToOnline": median(online),
    "recovery.maxSecondsToOnline": max(online),
    "recovery.medianSecondsToFirstSuccess": median(success),
    "recovery.maxSecondsToFirstSuccess": max(success),
    "recovery.repeatedDrops.secondsToOnline": flapping.map((t) => t.online).join(","),
  };
  return {
    metrics,
    rows: [
      goalRow(S, `back ONLINE, median of ${single.length} drops (${online.length} recovered)`, metrics["recovery.medianSecondsToOnline"], { op: "<", limit: 1.5, unit: "s" }),
      { scenario: S, metric: "back ONLINE, max (s)", value: metrics["recovery.maxSecondsToOnline"] },
      { scenario: S, metric: "first relayed request succeeds, median / max (s)", value: `${median(success).toFixed(3)} / ${max(success).toFixed(3)}` },
      { scenario: S, metric: "one listener dropped repeatedly (300 ms after each return): s to ONLINE", value: flapping.map((t) => t.online.toFixed(2)).join(", ") },
    ],
  };
}
