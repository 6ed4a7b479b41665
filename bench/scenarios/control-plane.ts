/**
 * Scenario 5: the control plane. 1 000 registrations are added over GraphQL — DISABLED (no listeners; the list
 * latency is about the store, the status/traffic lookup and serialisation, not relay traffic) — timing each
 * `addRelayRegistration`; then `relayRegistrations` with status and traffic is timed over the GraphQL endpoint.
 * Quick mode uses 300: each add lists the whole store (uniqueness check), so 1 000 adds alone take over a minute
 * here (FINDINGS.md); the `list1000` keys are then null and `controlPlane.list.*` carry the 300 figures.
 */
import { gql } from "../lib/gql";
import { profiled } from "../lib/profiling";
import { goalRow, type BenchContext, type Scenario, type ScenarioOutput } from "../lib/scenario";
import { startHostChild, type EmulatorChild, type HostChild } from "../lib/stack";
import { median, percentile } from "../lib/stats";
import { profileArgs } from "./plugin-host";

const FULL_COUNT = 1000;
const QUICK_COUNT = 300;
/** The timed list calls stop at this many, or earlier when LIST_BUDGET_MS is spent (but never below MIN_LIST_CALLS). */
const LIST_BUDGET_MS = { quick: 5_000, full: 60_000 };
const MIN_LIST_CALLS = 10;
const S = "5. control plane";

const ADD = `mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { id } }`;
const LIST = `{ relayRegistrations { id name namespace hybridConnectionName keyName keyFingerprint targetUrl enabled createdAt updatedAt createdBy
  status { state since attempt nextRetryAt lastError { code message advice } }
  traffic { requests bytesIn bytesOut lastRequestAt failedRequests { targetUnreachable targetTimeout tooLarge targetError aborted total } latencyMs { p50 p95 p99 } } } }`;

export const controlPlane: Scenario = { id: "control", title: S, run };

async function run(ctx: BenchContext): Promise<ScenarioOutput> {
  const count = ctx.quick ? QUICK_COUNT : FULL_COUNT;
  const host = await startHostChild(ctx.target, profileArgs(ctx, "control"));
  try {
    const adds = await addMany(ctx, host, count);
    const list = await timeList(ctx, host, count);
    return report(count, adds, list);
  } finally {
    await host.stop();
  }
}

async function timedAdd(host: HostChild, emulator: EmulatorChild, i: number): Promise<number> {
  const name = `cp-${String(i).padStart(4, "0")}`;
  const input = { connectionString: emulator.info.listenConnectionString, hybridConnectionName: name, name, enabled: false };
  const result = await gql<{ addRelayRegistration: { id: string } }>(host.info, ADD, { input });
  if (!result.data?.addRelayRegistration) throw new Error(`add ${name}: ${result.errors?.map((e) => e.message).join("; ")}`);
  return result.ms;
}

/** Sequential adds: a latency per call as one admin or script sees it, not a throughput under contention. */
async function addMany(ctx: BenchContext, host: HostChild, count: number): Promise<number[]> {
  ctx.progress(`  adding ${count} disabled registrations one after another`);
  const started = Date.now();
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    ms.push(await timedAdd(host, ctx.emulator, i));
    if ((i + 1) % 100 === 0) ctx.progress(`    ${i + 1} added (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  return ms;
}

async function timeList(ctx: BenchContext, host: HostChild, count: number): Promise<number[]> {
  const budget = ctx.quick ? LIST_BUDGET_MS.quick : LIST_BUDGET_MS.full;
  const maxCalls = ctx.quick ? 40 : 150;
  ctx.progress(`  listing ${count} registrations with status and traffic: 3 warm-up + up to ${maxCalls} timed calls (${budget / 1000} s budget)`);
  const once = async () => {
    const result = await gql<{ relayRegistrations: unknown[] }>(host.info, LIST);
    if (result.data?.relayRegistrations.length !== count) throw new Error(`list returned ${result.data?.relayRegistrations.length ?? result.errors?.[0]?.message}`);
    return result.ms;
  };
  for (let i = 0; i < 3; i++) await once();
  // With --profile: a CPU profile of exactly the timed list calls (the host's whole life would drown them).
  return profiled(ctx, [host], "control", "list", async () => {
    const ms: number[] = [];
    const started = Date.now();
    while (ms.length < maxCalls && (ms.length < MIN_LIST_CALLS || Date.now() - started < budget)) ms.push(await once());
    return ms;
  });
}

function report(count: number, adds: number[], list: number[]): ScenarioOutput {
  const p50 = percentile(list, 50);
  const p99 = percentile(list, 99);
  const full = count === FULL_COUNT;
  const firstAdds = adds.slice(0, 100);
  const lastAdds = adds.slice(-100);
  const metrics = {
    "controlPlane.registrations": count,
    "controlPlane.registrationsEnabled": false,
    "controlPlane.list.p50Ms": p50,
    "controlPlane.list.p99Ms": p99,
    "controlPlane.list.calls": list.length,
    "controlPlane.list1000.p50Ms": full ? p50 : Number.NaN,
    "controlPlane.list1000.p99Ms": full ? p99 : Number.NaN,
    "controlPlane.addP50Ms": median(adds),
    "controlPlane.addP99Ms": percentile(adds, 99),
    "controlPlane.addP50MsFirst100": median(firstAdds),
    "controlPlane.addP50MsLast100": median(lastAdds),
  };
  const note = full ? "" : ` — quick mode: ${count}, not ${FULL_COUNT}`;
  return {
    metrics,
    rows: [
      { scenario: S, metric: `relayRegistrations (${count} DISABLED registrations, status + traffic) p50 ms${note}`, value: p50 },
      goalRow(S, `relayRegistrations (${count}) p99 over ${list.length} calls${note}`, p99, { op: "<", limit: 20, unit: "ms" }),
      { scenario: S, metric: `addRelayRegistration p50 / p99 ms over ${adds.length} (p50 of first / last 100)`, value: `${median(adds).toFixed(1)} / ${percentile(adds, 99).toFixed(1)} (${median(firstAdds).toFixed(1)} / ${median(lastAdds).toFixed(1)})` },
    ],
  };
}
