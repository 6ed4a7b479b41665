/**
 * The status webhook end to end: the reference host with the plugin, the emulator, the sample service and a real
 * receiver. A registration going ONLINE reaches the receiver signed; a receiver that stops answering does not slow
 * relayed traffic (latency ratio against a healthy receiver, same run), shows as failing in `statusWebhook` and in
 * /metrics, and recovers by itself.
 */
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parsePrometheusText } from "../../support/prometheus-text";
import { waitUntil } from "../../support/eventually";
import { startRelayStack, type RelayStack } from "../../support/stack";

const SECRET = "e2e-webhook-secret-0123456789abcdef";
let stack: RelayStack;
let mode: "ok" | "hang" = "ok";
const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
let receiver: http.Server;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (mode === "ok") res.writeHead(200).end("ok"); // "hang": never answers
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ecs/status`;
  stack = await startRelayStack({
    hostEnv: {
      ECS_PLUGIN_AZURE_RELAY_STATUSWEBHOOK_URL: url, ECS_PLUGIN_AZURE_RELAY_STATUSWEBHOOK_SECRET: SECRET,
      ECS_PLUGIN_AZURE_RELAY_STATUSWEBHOOK_TIMEOUTMS: "300", ECS_PLUGIN_AZURE_RELAY_STATUSWEBHOOK_MAXATTEMPTS: "3",
      ECS_PLUGIN_AZURE_RELAY_STATUSWEBHOOK_RETRYINITIALMS: "20", ECS_PLUGIN_AZURE_RELAY_STATUSWEBHOOK_RETRYMAXMS: "100",
      ECS_PLUGIN_AZURE_RELAY_STATUSWEBHOOK_QUEUESIZE: "5",
    },
  });
}, 30_000);

afterAll(async () => {
  await stack?.stop();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

interface WebhookStatus { configured: boolean; url: string; failing: boolean; pending: number; dropped: number; givenUp: number; delivered: number; lastError: { code: string; message: string } | null }

async function webhookStatus(): Promise<WebhookStatus> {
  const { body } = await stack.host.gql<{ statusWebhook: WebhookStatus }>(`{ statusWebhook { configured url failing pending dropped givenUp delivered lastError { code message } } }`, {}, { token: stack.host.readerToken });
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.statusWebhook;
}

/** A registration on a hybrid connection that does not exist: each enable/disable makes status changes (events). */
async function toggler(): Promise<(times: number) => Promise<void>> {
  const id = await stack.addRegistration({ hybridConnectionName: "no-such-hc", name: "Flapper" });
  let enabled = true;
  return async (times) => {
    for (let i = 0; i < times; i++) {
      enabled = !enabled;
      const { body } = await stack.host.gql(`mutation($id: ID!, $input: UpdateRelayRegistrationInput!) { updateRelayRegistration(id: $id, input: $input) { id } }`, { id, input: { enabled } });
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    }
  };
}

/** `n` relayed GETs one after another while `alongside` runs; the median latency in ms (robust to a noisy neighbour). */
async function relayedLatency(n: number, alongside: Promise<void>): Promise<number> {
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    expect((await stack.sendThroughRelay(`/api/materials/${i}`)).status).toBe(200);
    latencies.push(performance.now() - started);
  }
  await alongside;
  return latencies.sort((a, b) => a - b)[Math.floor(n / 2)]!;
}

let registrationId: string;

test("a registration going ONLINE reaches the receiver as a signed event naming it", async () => {
  registrationId = await stack.addRegistration({ name: "Shop API" });
  await stack.waitForState(registrationId, "ONLINE");
  await waitUntil("the ONLINE event arrived", () => received.some((r) => r.body.includes('"state":"ONLINE"')));
  const event = received.find((r) => r.body.includes('"state":"ONLINE"'))!;
  const timestamp = String(event.headers["x-ecs-timestamp"]);
  expect(event.headers["x-ecs-signature"]).toBe("sha256=" + createHmac("sha256", SECRET).update(`${timestamp}.${event.body}`).digest("hex"));
  expect(JSON.parse(event.body)).toMatchObject({ registrationId, registrationName: "Shop API", state: "ONLINE", hostId: "test-host", event: "azure-relay/status-changed/v1" });
  expect(await webhookStatus()).toMatchObject({ configured: true, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/…$/), failing: false });
});

test("a receiver that never answers does not slow relayed traffic, shows as failing, and the webhook recovers", async () => {
  const toggle = await toggler();
  for (let i = 0; i < 20; i++) await stack.sendThroughRelay("/api/materials/warm-up");
  const healthy = await relayedLatency(150, toggle(6));

  mode = "hang";
  await toggle(10); // more events than the queue holds: the oldest are dropped
  const dead = await relayedLatency(150, toggle(6));
  // Same run, same machine: relayed latency with a dead webhook stays within a generous multiple of the healthy one.
  expect(dead / healthy).toBeLessThan(3);

  await waitUntil("failing shows", async () => (await webhookStatus()).failing);
  const status = await webhookStatus();
  expect(status.lastError).toMatchObject({ code: "STATUS_WEBHOOK_FAILED" });
  expect(status.lastError!.message).toContain("no answer within 300 ms");
  expect(status.dropped).toBeGreaterThan(0);
  expect(status.pending).toBeLessThanOrEqual(6);
  const metrics = await fetch(`${stack.host.url}/metrics`, { headers: { authorization: `Bearer ${stack.host.readerToken}` } });
  const samples = parsePrometheusText(await metrics.text()).samples;
  expect(samples.find((s) => s.name === "azure_relay_status_webhook_failing")?.value).toBe(1);
  expect(samples.find((s) => s.name === "azure_relay_status_webhook_events_total" && s.labels.outcome === "dropped")?.value).toBeGreaterThan(0);

  mode = "ok";
  await toggle(1);
  await waitUntil("the webhook delivers again", async () => !(await webhookStatus()).failing, 20_000);
}, 90_000);
