/**
 * One host of a farm killed (SIGKILL, no goodbye) under a steady request stream (issue 11, docs/farm.md "A host
 * dies"): only the requests the relay had handed to that host may fail — at most as many as the emulator counted in
 * flight on its listener when the connection dropped — every request sent after that is carried by the other host,
 * and membership drops the killed host once its record's TTL runs out. Counts, not times.
 */
import type { ChildProcess } from "node:child_process";
import type { ListenerLeft } from "../../../server/emulator";
import { failed, startRequestStream } from "../../../bench/lib/request-stream";
import { eventually } from "../../support/eventually";
import { startChildHost, startFarm, type TestFarm } from "../../support/farm";
import type { TestHost } from "../../support/host";
import { useRedis } from "../../support/redis";
import { waitForState } from "../../support/stack";

const redis = useRedis();
const departures: ListenerLeft[] = [];
let farm: TestFarm;
let steady: TestHost;
let doomed: ChildProcess;

const hostIds = async (): Promise<Array<{ hostId: string; states: string[] }>> => {
  const { body } = await steady.gql<{ farmHosts: Array<{ hostId: string; listeners: Array<{ state: string }> }> }>(`{ farmHosts { hostId listeners { state } } }`);
  return (body.data?.farmHosts ?? []).map((h) => ({ hostId: h.hostId, states: h.listeners.map((l) => l.state) }));
};

beforeAll(async () => {
  farm = await startFarm(redis.url, ["steady"], {}, { emulator: { onListenerLeft: (left) => departures.push(left) } });
  steady = farm.hosts[0];
  const id = await farm.addRegistration(steady);
  await waitForState(steady, id, "ONLINE", 20_000);
  doomed = startChildHost(farm, "doomed");
  const bothListening = async () => JSON.stringify(await hostIds()) === JSON.stringify([{ hostId: "doomed", states: ["ONLINE"] }, { hostId: "steady", states: ["ONLINE"] }]);
  expect(await eventually(bothListening, 40_000, 100)).toBe(true);
  expect(await eventually(() => farm.emulator.namespace.listenerCount("ecs-core") === 2, 10_000)).toBe(true);
}, 90_000);
afterAll(async () => {
  if (doomed && doomed.exitCode === null && doomed.signalCode === null) doomed.kill("SIGKILL");
  await farm?.stop();
});

it("only the killed host's in-flight requests fail; the other host carries every later one; membership drops it", async () => {
  // Each request waits 50 ms at the target, so several are in flight on each host at any moment.
  const stream = startRequestStream(6, () => farm.sendThroughRelay("/slow?ms=50").then((r) => r.status));
  expect(await eventually(() => stream.outcomes.length >= 40, 20_000)).toBe(true);
  doomed.kill("SIGKILL");
  expect(await eventually(() => departures.length === 1, 10_000)).toBe(true);
  const startedAfterDeparture = stream.started();
  expect(await eventually(() => stream.outcomes.filter((o) => o.seq >= startedAfterDeparture).length >= 60, 30_000)).toBe(true);
  const outcomes = await stream.stop();

  const [left] = departures;
  expect(left).toMatchObject({ hybridConnection: "ecs-core", code: 1006 });
  const failures = failed(outcomes);
  expect(failures.length).toBeLessThanOrEqual(left.inFlight);
  // Failures can only be requests sent before the relay saw the connection drop, none after.
  expect(failures.filter((o) => o.seq >= startedAfterDeparture)).toEqual([]);
  expect(farm.emulator.namespace.listenerCount("ecs-core")).toBe(1);

  // The killed host said no goodbye: its membership record expires after the TTL (1 s in tests).
  expect(await eventually(async () => JSON.stringify(await hostIds()) === JSON.stringify([{ hostId: "steady", states: ["ONLINE"] }]), 15_000, 100)).toBe(true);
}, 90_000);
