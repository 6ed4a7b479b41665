/**
 * The end-to-end probe in a web farm (docs/operations.md, section Probe, "Web farm"): a real Redis, the emulator
 * (which hands each request to a listener of the hybrid connection at random) and two hosts — one in this process,
 * one a child process the test can freeze. The probe's grant goes to every host first, so every probe succeeds
 * whichever host's listener the relay picks, and over the run both hosts answer. A grant request forged on Redis
 * without the farm's secret key plants nothing. A host frozen (SIGSTOP) during the grant is listed as not granted and
 * does not hold the probe past its deadline. While Redis is down the probe falls back to its own host's grant.
 */
import { connectionStringOf, emulatorAdmin } from "../../support/emulator";
import { waitUntil } from "../../support/eventually";
import { startFarm, type TestFarm } from "../../support/farm";
import { startChildHost, type ChildHost } from "../../support/farm-child-host";
import type { TestHost } from "../../support/host";
import { probeOn, type ProbeView } from "../../support/probe";
import { useRedis } from "../../support/redis";

/** Short, so a probe that meets the frozen host ends soon; the bound below is built from them. */
const GRANT_DEADLINE_MS = 1000;
const PROBE_TIMEOUT_MS = 3000;
/**
 * The emulator picks a listener uniformly at random; with 30 probes over two hosts the chance that one host never
 * answers is 2 × 2^-30 (about 2 in a billion).
 */
const PROBES = 30;

const redis = useRedis();
let farm: TestFarm;
let a: TestHost;
let b: ChildHost;
let id: string;

beforeAll(async () => {
  // A long host TTL keeps the frozen host a member (as a stuck server is, until its record expires).
  farm = await startFarm(redis.url, ["probe-a"], {
    ECS_FARM_HOST_TTL_MS: "120000",
    ECS_PLUGIN_AZURE_RELAY_PROBE_GRANTDEADLINEMS: String(GRANT_DEADLINE_MS),
    ECS_PLUGIN_AZURE_RELAY_PROBE_TIMEOUTMS: String(PROBE_TIMEOUT_MS),
  });
  [a] = farm.hosts;
  b = await startChildHost(farm, "probe-b");
  id = await farm.addRegistration(a, { probe: { sendConnectionString: connectionStringOf(farm.emulator, "ecs-core-send") } });
  for (const host of [a, b]) await waitUntil(`${host === b ? "probe-b" : "probe-a"} ONLINE`, async () => (await stateOn(host)) === "ONLINE", 30_000, 100);
  await waitUntil("both hosts are farm members", async () => (await membersSeenBy(a)).join() === "probe-a,probe-b", 10_000, 100);
  // Two listeners on the hybrid connection: the relay may hand a probe to either.
  await waitUntil("two listeners at the relay", async () => (await listenersAtRelay()) === 2, 10_000, 100);
}, 120_000);
afterAll(async () => {
  b?.thaw();
  await b?.stop(); // up to 10 s for a SIGTERM on a loaded machine
  await farm?.stop();
}, 60_000);

type Gql = Pick<TestHost, "gql">;

async function stateOn(host: Gql): Promise<string> {
  const { body } = await host.gql<{ relayRegistration: { status: { state: string } } | null }>(`query($id: ID!) { relayRegistration(id: $id) { status { state } } }`, { id });
  return body.data?.relayRegistration?.status.state ?? "?";
}

async function listenersAtRelay(): Promise<number> {
  const { body } = await emulatorAdmin(farm.emulator, "GET", "listeners");
  return ((body as Record<string, string[]>)["ecs-core"] ?? []).length;
}

async function membersSeenBy(host: Gql): Promise<string[]> {
  const { body } = await host.gql<{ farmHosts: Array<{ hostId: string }> }>(`{ farmHosts { hostId } }`);
  return (body.data?.farmHosts ?? []).map((h) => h.hostId).sort();
}

it(`${PROBES} probes, asked on either host, all succeed whichever host's listener answers, and both hosts answer`, async () => {
  const results: ProbeView[] = [];
  for (let i = 0; i < PROBES; i++) results.push(await probeOn(i % 2 === 0 ? a : b, id));
  for (const result of results) {
    expect(result).toMatchObject({ ok: true, problem: null, grantedOn: ["probe-a", "probe-b"], notGranted: [] });
    expect(result.hops.map((h) => h.outcome)).toEqual(["connected", expect.stringMatching(/^delivered/), `answered by ${result.answeredBy}`]);
    expect(result.hops[1].clockSourced).toBe(result.hops[1].ms !== null);
  }
  expect(new Set(results.map((r) => r.answeredBy))).toEqual(new Set(["probe-a", "probe-b"]));
  // The relay → listener hop comes from the answering host's clock; on one machine the clocks agree, so it is measured.
  const measured = results.filter((r) => r.hops[1].ms !== null);
  expect(measured.length).toBeGreaterThan(0);
  for (const r of measured) {
    expect(r.hops[1].ms!).toBeGreaterThanOrEqual(r.hops[0].ms ?? 0);
    expect(r.hops[1].ms!).toBeLessThanOrEqual(r.roundTripMs!);
  }
}, 120_000);

it("a grant request forged on Redis without the farm's secret key is refused by every host and plants no grant", async () => {
  const subscriber = await redis.client();
  const publisher = await redis.client();
  const replies: Array<{ hostId: string; body: { error?: { code: string } } }> = [];
  await subscriber.subscribe("ecs-farm:replies:intruder", (message: string) => replies.push(JSON.parse(message)));
  const nonce = "forged-nonce-0123456789abcdef";
  const payload = { registrationId: id, ttlMs: 10_000, sealed: Buffer.from(JSON.stringify({ nonce, answer: "forged-answer-0123456789" })).toString("base64") };
  const request = { id: "forged-1", pluginId: "azure-relay", name: "probe-grant", payload, from: "intruder", to: ["probe-a", "probe-b"], deadlineAt: Date.now() + 10_000 };
  await publisher.publish("ecs-farm:requests", JSON.stringify(request));
  await waitUntil("both hosts replied", async () => replies.length === 2, 10_000, 50);
  expect(replies.map((r) => [r.hostId, r.body.error?.code]).sort()).toEqual([["probe-a", "BAD_USER_INPUT"], ["probe-b", "BAD_USER_INPUT"]]);
  // A sender with that nonce is forwarded to the target like any request, whichever listener gets it.
  for (let i = 0; i < 6; i++) {
    const res = await farm.sendThroughRelay("/.well-known/azure-relay-probe", { headers: { "x-azure-relay-probe-nonce": nonce } });
    expect(res.headers["x-azure-relay-probe-answer"]).toBeUndefined();
  }
}, 60_000);

it("a host frozen during the grant is listed as not granted, and the probe ends within its deadline", async () => {
  b.freeze();
  try {
    // Room for the grant deadline, the probe's own timeout, and a loaded machine's GraphQL round trip.
    const bound = GRANT_DEADLINE_MS + PROBE_TIMEOUT_MS + 5000;
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const result = await probeOn(a, id);
      expect(Date.now() - started).toBeLessThan(bound);
      expect(result).toMatchObject({ grantedOn: ["probe-a"], notGranted: ["probe-b"] });
      // The relay picked probe-a (it answers) or the frozen probe-b (no answer within the probe's timeout).
      if (result.ok) expect(result.answeredBy).toBe("probe-a");
      else expect(result.problem?.code).toBe("PROBE_TIMEOUT");
    }
  } finally {
    b.thaw();
  }
}, 60_000);

it("while Redis is down a probe is granted on its own host only, and a probe that meets the other host is not answered — never a path failure", async () => {
  await redis.pause();
  try {
    const results: ProbeView[] = [];
    for (let i = 0; i < 8; i++) results.push(await probeOn(a, id));
    for (const result of results) {
      expect(result).toMatchObject({ grantedOn: ["probe-a"], notGranted: [] });
      if (result.ok) expect(result.answeredBy).toBe("probe-a");
      else expect(result.problem).toMatchObject({ code: "PROBE_NOT_ANSWERED", message: expect.stringContaining("Redis could not be reached, so only this host held the grant") });
    }
  } finally {
    await redis.resume();
  }
}, 60_000);
