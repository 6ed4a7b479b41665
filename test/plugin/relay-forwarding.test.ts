/** A pasted connection string leads, with no other step, to a listener that carries real HTTP to the local service and back. */
import { createHash, randomBytes } from "node:crypto";
import { emulatorAdmin } from "../support/emulator";
import { waitUntil } from "../support/eventually";
import { startRelayStack, type RelayStack } from "../support/stack";

let stack: RelayStack;
let id: string;

beforeAll(async () => {
  stack = await startRelayStack({ hostEnv: { ECS_PLUGIN_AZURE_RELAY_TARGETTIMEOUTMS: "2000" } });
  id = await stack.addRegistration();
  await stack.waitForState(id, "ONLINE");
});
afterAll(async () => stack?.stop());

const json = (body: Buffer) => JSON.parse(body.toString("utf8"));

test("GET reaches the sample service with the path prefix stripped, query and headers preserved", async () => {
  const res = await stack.sendThroughRelay("/echo/a/b?x=1&y=%20z", { headers: { "x-custom": "hello", "accept-language": "de-DE" } });
  expect(res.status).toBe(200);
  const seen = json(res.body);
  expect(seen).toMatchObject({ method: "GET", path: "/echo/a/b", query: "?x=1&y=%20z" });
  expect(seen.headers).toMatchObject({ "x-custom": "hello", "accept-language": "de-DE", "x-forwarded-proto": "http" });
  expect(seen.headers["x-forwarded-host"]).toBe(stack.emulator.namespaceHost);
  expect(seen.headers.servicebusauthorization).toBeUndefined();
});

test.each([
  ["0 B", 0],
  ["1 kB", 1024],
  ["64 kB", 64 * 1024],
  ["65 kB", 65 * 1024],
  ["20 MB", 20 * 1024 * 1024],
])("POST of %s arrives whole and in order", async (_label, size) => {
  const body = randomBytes(size);
  const res = await stack.sendThroughRelay("/echo", { method: "POST", body, headers: { "content-type": "application/octet-stream" } });
  expect(res.status).toBe(200);
  expect(json(res.body)).toMatchObject({ method: "POST", bodyBytes: size, bodySha256: createHash("sha256").update(body).digest("hex") });
});

test("a 5 MB answer comes back whole", async () => {
  const res = await stack.sendThroughRelay(`/bytes?n=${5 * 1024 * 1024}`);
  expect(res.status).toBe(200);
  expect(res.body.length).toBe(5 * 1024 * 1024);
});

test("a target that is too slow gives 504", async () => {
  const res = await stack.sendThroughRelay("/slow?ms=4000");
  expect(res.status).toBe(504);
});

test("an unreachable target gives 502 with a short plain body", async () => {
  await emulatorAdmin(stack.emulator, "POST", "/$emulator/hybrid-connections", { name: "nowhere" });
  const other = await stack.addRegistration({ hybridConnectionName: "nowhere", targetUrl: "http://127.0.0.1:1/" });
  await stack.waitForState(other, "ONLINE");
  const res = await stack.sendThroughRelay("/anything", { hybridConnection: "nowhere" });
  expect(res.status).toBe(502);
  expect(res.body.length).toBeLessThan(500);
  expect(String(res.headers["content-type"])).toMatch(/text\/plain/);
});

test("traffic counts the requests, failures by class and latency", async () => {
  let traffic: any;
  // The worker reports traffic about once a second: wait for the report that includes the tests above.
  await waitUntil("the traffic report of the requests above", async () => {
    const { body } = await stack.host.gql<{ relayRegistration: { traffic: any } }>(
      `query($id: ID!) { relayRegistration(id: $id) { traffic { requests bytesIn bytesOut lastRequestAt failedRequests { targetTimeout total } latencyMs { p50 p95 p99 } } } }`,
      { id },
    );
    traffic = body.data!.relayRegistration.traffic;
    return traffic.requests >= 8 && traffic.failedRequests.total >= 1 && traffic.bytesIn > 20 * 1024 * 1024 && traffic.bytesOut > 5 * 1024 * 1024;
  }, 10_000);
  expect(traffic.requests).toBeGreaterThanOrEqual(8);
  expect(traffic.failedRequests).toMatchObject({ targetTimeout: 1, total: 1 });
  expect(traffic.bytesIn).toBeGreaterThan(20 * 1024 * 1024);
  expect(traffic.bytesOut).toBeGreaterThan(5 * 1024 * 1024);
  expect(traffic.latencyMs.p99).toBeGreaterThanOrEqual(traffic.latencyMs.p50);
  expect(Date.parse(traffic.lastRequestAt)).toBeGreaterThan(Date.now() - 60_000);
});
