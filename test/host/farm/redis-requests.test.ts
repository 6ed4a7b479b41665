/**
 * Farm requests on a real Redis (docs/farm.md "System operations across the farm"), seen from the wire: a host answers
 * a request addressed to it on the asker's reply channel, skips one whose deadline has passed (a host that was frozen
 * must not act late) or that is malformed or addressed to others, and the asker ignores replies from hosts it did not ask.
 */
import * as path from "node:path";
import { REPLIES_CHANNEL_PREFIX, REQUESTS_CHANNEL } from "../../../server/host/reference/farm/redis-requests";
import { eventually } from "../../support/eventually";
import { startTestHost, type TestHost } from "../../support/host";
import { useRedis } from "../../support/redis";

const redis = useRedis();
let host: TestHost;

beforeAll(async () => {
  host = await startTestHost({ env: { ECS_STORE_URL: redis.url, ECS_HOST_ID: "wire-host" }, pluginDirs: [path.join(__dirname, "../fixtures/fixture-plugin")] });
});
afterAll(async () => {
  await host?.stop();
});

const request = (fields: Record<string, unknown>) =>
  JSON.stringify({ id: "r1", pluginId: "fixture", name: "wire", payload: { n: 1 }, from: "outsider", to: ["wire-host"], deadlineAt: Date.now() + 60_000, ...fields });

it("answers a request addressed to it, and skips expired, malformed and other hosts' requests", async () => {
  const farm = host.services.forPlugin("fixture").farm;
  const calls: unknown[] = [];
  const handling = farm.handleRequests("wire", async (payload) => (calls.push(payload), { done: payload }));
  const client = await redis.client();
  const listener = client.duplicate();
  listener.on("error", () => undefined);
  await listener.connect();
  const replies: unknown[] = [];
  await listener.subscribe(REPLIES_CHANNEL_PREFIX + "outsider", (message) => replies.push(JSON.parse(message)));
  try {
    await client.publish(REQUESTS_CHANNEL, request({ id: "expired", deadlineAt: Date.now() - 1 }));
    await client.publish(REQUESTS_CHANNEL, request({ id: "elsewhere", to: ["another-host"] }));
    await client.publish(REQUESTS_CHANNEL, "{not json");
    await client.publish(REQUESTS_CHANNEL, request({ id: 42 }));
    await client.publish(REQUESTS_CHANNEL, request({ id: "due" }));
    // Messages arrive in order: once "due" is answered, the ones before it were seen and skipped.
    expect(await eventually(() => replies.length > 0, 10_000)).toBe(true);
    expect(replies).toEqual([{ id: "due", hostId: "wire-host", body: { result: { done: { n: 1 } } } }]);
    expect(calls).toEqual([{ n: 1 }]);
  } finally {
    handling.dispose();
    await listener.close();
  }
});

it("ignores a reply from a host it did not ask", async () => {
  const farm = host.services.forPlugin("fixture").farm;
  const handling = farm.handleRequests("wire", async () => "from the real host");
  const client = await redis.client();
  const intruder = client.duplicate();
  intruder.on("error", () => undefined);
  await intruder.connect();
  // Whoever can read the request channel answers first, as a host that was not asked.
  await intruder.subscribe(REQUESTS_CHANNEL, (message) => {
    const { id } = JSON.parse(message) as { id: string };
    void client.publish(REPLIES_CHANNEL_PREFIX + "wire-host", JSON.stringify({ id, hostId: "intruder", body: { result: "forged" } }));
  });
  try {
    const outcome = await farm.request("wire", null, { deadlineMs: 5_000 });
    expect(outcome).toEqual({ replies: [{ hostId: "wire-host", result: "from the real host", elapsedMs: expect.any(Number) }], notAnswering: [] });
  } finally {
    handling.dispose();
    await intruder.close();
  }
});
