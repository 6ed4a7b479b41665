/**
 * Change propagation across a web farm (docs/farm.md): two reference hosts share one real Redis; a change on one is
 * served by the other (its listener connects to the emulator), edits and removals travel both ways, and a lost
 * pub/sub message is repaired by the version check.
 */
import { eventually } from "../../support/eventually";
import { startFarm, type TestFarm } from "../../support/farm";
import type { TestHost } from "../../support/host";
import { useRedis } from "../../support/redis";
import { waitForState } from "../../support/stack";
import { VERSION_KEY } from "../../../server/host/reference/farm/redis-farm";

const redis = useRedis();
let farm: TestFarm;
let a: TestHost;
let b: TestHost;
/** The registration the first test adds (the emulator's ecs-core) and the second edits and removes. */
let addedOnA = "";

beforeAll(async () => {
  farm = await startFarm(redis.url, ["farm-a", "farm-b"]);
  [a, b] = farm.hosts;
}, 60_000);
afterAll(async () => {
  await farm?.stop();
});

async function registration(host: TestHost, id: string): Promise<{ name: string; targetUrl: string } | null | undefined> {
  const { body } = await host.gql<{ relayRegistration: { name: string; targetUrl: string } | null }>(`query($id: ID!) { relayRegistration(id: $id) { name targetUrl } }`, { id });
  return body.data?.relayRegistration;
}

const listeners = (): number => farm.emulator.namespace.listenerCount("ecs-core");

it("a registration added on host A is served by host B too: both listeners ONLINE, the relay sees two", async () => {
  const id = (addedOnA = await farm.addRegistration(a));
  await waitForState(b, id, "ONLINE", 20_000);
  await waitForState(a, id, "ONLINE", 20_000);
  expect(await eventually(() => listeners() === 2, 10_000)).toBe(true);
}, 60_000);

it("an edit on host B is reflected on host A, and a removal on B stops A's listener", async () => {
  const id = addedOnA;
  const renamed = await b.gql(`mutation($id: ID!) { updateRelayRegistration(id: $id, input: { name: "renamed on B" }) { id } }`, { id });
  expect(renamed.body.errors).toBeUndefined();
  expect(await eventually(async () => (await registration(a, id))?.name === "renamed on B", 10_000)).toBe(true);

  const removed = await b.gql(`mutation($id: ID!) { removeRelayRegistration(id: $id) }`, { id });
  expect(removed.body.errors).toBeUndefined();
  expect(await eventually(async () => (await registration(a, id)) === null, 10_000)).toBe(true);
  expect(await eventually(() => listeners() === 0, 10_000)).toBe(true);
}, 60_000);

it("a change whose pub/sub message was lost reaches every host through the version check", async () => {
  const id = await farm.addRegistration(a, { name: "before" });
  await waitForState(b, id, "ONLINE", 20_000);
  // Change the stored record and bump the version the way a host would, but publish nothing: the message is "lost".
  const store = a.services.stores.namespace("azure-relay");
  const record = await store.get<Record<string, unknown>>(`registration:${id}`);
  await store.set(`registration:${id}`, { ...record, name: "changed without a message" });
  const client = await redis.client();
  await client.incr(VERSION_KEY);
  for (const host of [a, b]) {
    expect(await eventually(async () => (await registration(host, id))?.name === "changed without a message", 10_000)).toBe(true);
  }
}, 60_000);

it("simultaneous edits of different fields on two hosts both survive (farm-wide lock, fresh read: the later write wins per field)", async () => {
  const { body } = await a.gql<{ relayRegistrations: Array<{ id: string }> }>(`{ relayRegistrations { id } }`);
  const id = body.data!.relayRegistrations[0].id;
  const update = `mutation($id: ID!, $input: UpdateRelayRegistrationInput!) { updateRelayRegistration(id: $id, input: $input) { id } }`;
  for (let round = 1; round <= 5; round++) {
    const targetUrl = `${farm.sample.url.replace(/\/$/, "")}/round-${round}/`;
    const [named, targeted] = await Promise.all([
      a.gql(update, { id, input: { name: `name ${round}` } }),
      b.gql(update, { id, input: { targetUrl } }),
    ]);
    expect([named.body.errors, targeted.body.errors]).toEqual([undefined, undefined]);
    for (const host of [a, b]) {
      expect(await eventually(async () => JSON.stringify(await registration(host, id)) === JSON.stringify({ name: `name ${round}`, targetUrl }), 10_000)).toBe(true);
    }
  }
}, 60_000);
