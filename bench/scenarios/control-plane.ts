/**
 * Scenario 5: the control plane. 1 000 registrations are added over GraphQL — DISABLED (no listeners; the list
 * latency is about the store, the status/traffic lookup and serialisation, not relay traffic) — timing each
 * `addRelayRegistration`; then `relayRegistrations` with status and traffic is timed over the GraphQL endpoint.
 * Quick mode adds the same 1 000 (about 10 s) and makes fewer timed list calls, so `controlPlane.list1000.*` is
 * filled in both modes. Last, graphql-js executes the same document in this process (lib/execute-floor.ts): the
 * share of the HTTP figure that no resolver change can remove.
 */
import { timeExecuteOnly } from "../lib/execute-floor";
import { gql } from "../lib/gql";
import { profiled } from "../lib/profiling";
import { goalRow, type BenchContext, type Scenario, type ScenarioOutput } from "../lib/scenario";
import { startHostChild, type EmulatorChild, type HostChild } from "../lib/stack";
import { median, percentile } from "../lib/stats";
import { profileArgs } from "./plugin-host";

const COUNT = 1000;
/** Timed list calls: at most this many per mode. */
const MAX_LIST_CALLS = { quick: 60, full: 150 };
/** The timed list calls stop at this many, or earlier when LIST_BUDGET_MS is spent (but never below MIN_LIST_CALLS). */
const LIST_BUDGET_MS = { quick: 5_000, full: 60_000 };
const MIN_LIST_CALLS = 10;
/** In-process executions of the list document (execute-floor.ts): the floor under the HTTP figure. */
const EXECUTE_ONLY_CALLS = 40;
const S = "5. control plane";

const ADD = `mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { id } }`;
const LIST = `{ relayRegistrations { id name namespace hybridConnectionName keyName keyFingerprint targetUrl enabled createdAt updatedAt createdBy
  status { state since attempt nextRetryAt lastError { code message advice } }
  traffic { requests bytesIn bytesOut lastRequestAt failedRequests { targetUnreachable targetTimeout tooLarge targetError aborted total } latencyMs { p50 p95 p99 } } } }`;

export const controlPlane: Scenario = { id: "control", title: S, run };

async function run(ctx: BenchContext): Promise<ScenarioOutput> {
  const count = COUNT;
  const host = await startHostChild(ctx.target, profileArgs(ctx, "control"));
  try {
    const adds = await addMany(ctx, host, count);
    const list = await timeList(ctx, host, count);
    ctx.progress(`  graphql-js execution alone of the same list, in the bench process (${EXECUTE_ONLY_CALLS} calls)`);
    const executeOnly = await timeExecuteOnly(LIST, count, EXECUTE_ONLY_CALLS);
    return report(count, adds, list, executeOnly);
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
  const maxCalls = ctx.quick ? MAX_LIST_CALLS.quick : MAX_LIST_CALLS.full;
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

function report(count: number, adds: number[], list: number[], executeOnly: number[]): ScenarioOutput {
  const p50 = percentile(list, 50);
  const p99 = percentile(list, 99);
  const firstAdds = adds.slice(0, 100);
  const lastAdds = adds.slice(-100);
  const metrics = {
    "controlPlane.registrations": count,
    "controlPlane.registrationsEnabled": false,
    "controlPlane.list.p50Ms": p50,
    "controlPlane.list.p99Ms": p99,
    "controlPlane.list.calls": list.length,
    "controlPlane.list1000.p50Ms": count === COUNT ? p50 : Number.NaN,
    "controlPlane.list1000.p99Ms": count === COUNT ? p99 : Number.NaN,
    "controlPlane.executeOnly.p50Ms": median(executeOnly),
    "controlPlane.executeOnly.p99Ms": percentile(executeOnly, 99),
    "controlPlane.addP50Ms": median(adds),
    "controlPlane.addP99Ms": percentile(adds, 99),
    "controlPlane.addP50MsFirst100": median(firstAdds),
    "controlPlane.addP50MsLast100": median(lastAdds),
  };
  return {
    metrics,
    rows: [
      { scenario: S, metric: `relayRegistrations (${count} DISABLED registrations, status + traffic) p50 ms`, value: p50 },
      goalRow(S, `relayRegistrations (${count}) p99 over ${list.length} calls`, p99, { op: "<", limit: 20, unit: "ms" }),
      { scenario: S, metric: `graphql-js execute() alone, same list in-process (no HTTP, Apollo, store) p50 / p99 ms`, value: `${median(executeOnly).toFixed(1)} / ${percentile(executeOnly, 99).toFixed(1)}` },
      { scenario: S, metric: `addRelayRegistration p50 / p99 ms over ${adds.length} (p50 of first / last 100)`, value: `${median(adds).toFixed(1)} / ${percentile(adds, 99).toFixed(1)} (${median(firstAdds).toFixed(1)} / ${median(lastAdds).toFixed(1)})` },
    ],
  };
}
