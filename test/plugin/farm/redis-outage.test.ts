/**
 * Redis is not a single point of failure for traffic (docs/farm.md): while the farm's Redis is down both hosts keep
 * relaying with the configuration they have, changes are refused with FARM_UNAVAILABLE, and once Redis is back
 * changes work and reach the other host again.
 */
import { eventually } from "../../support/eventually";
import { startFarm, type TestFarm } from "../../support/farm";
import type { TestHost } from "../../support/host";
import { useRedis } from "../../support/redis";
import { sendThroughEmulator } from "../../support/farm";
import { waitForState } from "../../support/stack";

const redis = useRedis();
let farm: TestFarm;
let a: TestHost;
let b: TestHost;
let id: string;

beforeAll(async () => {
  farm = await startFarm(redis.url, ["outage-a", "outage-b"]);
  [a, b] = farm.hosts;
  id = await farm.addRegistration(a);
  for (const host of farm.hosts) await waitForState(host, id, "ONLINE", 20_000);
}, 60_000);
afterAll(async () => {
  await farm?.stop();
});

const rename = (host: TestHost, name: string) =>
  host.gql(`mutation($id: ID!, $name: String!) { updateRelayRegistration(id: $id, input: { name: $name }) { id } }`, { id, name });

it("keeps relaying on both hosts while Redis is down, refuses changes with FARM_UNAVAILABLE, and works again when it returns", async () => {
  await redis.pause();
  try {
    // Both hosts still listen: 20 requests spread over both listeners all succeed.
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => sendThroughEmulator(farm, `/echo/outage-${i}`).then((r) => r.status)));
    expect(statuses).toEqual(Array(20).fill(200));
    expect(farm.emulator.namespace.listenerCount("ecs-core")).toBe(2);

    const refused = await eventually(async () => (await rename(a, "during outage")).body.errors?.[0]?.extensions?.code === "FARM_UNAVAILABLE", 10_000, 100);
    expect(refused).toBe(true);
    const { body } = await rename(b, "during outage");
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: "FARM_UNAVAILABLE" }, message: expect.stringContaining("keeps serving") });
  } finally {
    await redis.resume();
  }
  expect(await eventually(async () => (await rename(a, "after outage")).body.errors === undefined, 20_000, 200)).toBe(true);
  expect(await eventually(async () => {
    const { body } = await b.gql<{ relayRegistration: { name: string } }>(`query($id: ID!) { relayRegistration(id: $id) { name } }`, { id });
    return body.data?.relayRegistration.name === "after outage";
  }, 10_000)).toBe(true);
}, 90_000);

it("a host stops promptly while Redis is down", async () => {
  const extra = await farm.startHost("outage-leaving");
  await redis.pause();
  try {
    await extra.stop();
  } finally {
    await redis.resume();
  }
}, 60_000);
