/**
 * The status webhook against a real HTTP receiver on 127.0.0.1: events arrive signed (the test recomputes the
 * HMAC itself), failed attempts are retried with the same delivery id and a fresh signature, a receiver that never
 * answers fills a bounded queue that drops the oldest (counted) while enqueueing stays synchronous, and the
 * settings refuse what they must without repeating a secret.
 */
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Disposable, Logger } from "../../../server/host/contract";
import type { RelayStatusChange } from "../../../server/plugin/supervisor/relay-status";
import { StatusWebhook, type StatusWebhookBody } from "../../../server/plugin/webhook/status-webhook";
import { webhookSettingsFrom, type WebhookSettings } from "../../../server/plugin/webhook/webhook-settings";
import { verifySignature } from "../../../server/plugin/webhook/webhook-signature";
import { waitUntil } from "../../support/eventually";

const SECRET = "s3cret-for-the-webhook-0123456789";
const logLines: string[] = [];
const logger: Logger = { debug() {}, info: (m, f) => void logLines.push(m + JSON.stringify(f)), warn: (m, f) => void logLines.push(m + JSON.stringify(f)), error() {}, child: () => logger };

interface Received { headers: http.IncomingHttpHeaders; body: string }

/** A receiver whose answer the test sets per request: a status, or "hang" (never answers). */
async function startReceiver(answer: (n: number) => number | "hang") {
  const received: Received[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const a = answer(received.length);
      if (a === "hang") hanging.add(res);
      else res.writeHead(a).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/relay?token=abc`;
  return { url, received, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

function settings(url: string, more: Partial<WebhookSettings> = {}): WebhookSettings {
  return { url: new URL(url), secret: SECRET, timeoutMs: 2000, maxAttempts: 5, retryInitialMs: 10, retryMaxMs: 40, queueSize: 100, ...more };
}

function source() {
  let handler: ((c: RelayStatusChange) => void) | undefined;
  return {
    onStatusChanged: (h: (c: RelayStatusChange) => void): Disposable => ((handler = h), { dispose: () => (handler = undefined) }),
    emit: (c: RelayStatusChange) => handler?.(c),
  };
}

const online = (id = "r1"): RelayStatusChange => ({ registrationId: id, previous: "CONNECTING", status: { state: "ONLINE", since: new Date("2026-11-30T10:00:00Z") } });
const lost = (id = "r1"): RelayStatusChange => ({ registrationId: id, previous: "ONLINE", status: { state: "RECONNECTING", since: new Date(), attempt: 1, nextRetryAt: null, lastError: { code: "RELAY_CONNECTION_LOST", message: "lost", advice: "wait" } } });

const stops: Array<() => unknown> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

test("a state change arrives as a small JSON body, signed: HMAC-SHA256 over `<timestamp>.<raw body>` with the secret", async () => {
  const receiver = await startReceiver(() => 204);
  stops.push(receiver.close);
  const webhook = new StatusWebhook(settings(receiver.url), { hostId: "host-a", nameOf: async () => "Shop API", logger });
  stops.push(() => webhook.stop());
  const events = source();
  webhook.follow(events);
  events.emit(online());
  events.emit({ ...online(), previous: "ONLINE" }); // data-only change: not sent
  await waitUntil("delivered", () => webhook.status().delivered === 1);

  expect(receiver.received).toHaveLength(1);
  const [{ headers, body }] = receiver.received as [Received];
  const timestamp = String(headers["x-ecs-timestamp"]);
  const expected = "sha256=" + createHmac("sha256", SECRET).update(`${timestamp}.${body}`).digest("hex");
  expect(headers["x-ecs-signature"]).toBe(expected);
  expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
  expect(headers["content-type"]).toBe("application/json");
  const parsed = JSON.parse(body) as StatusWebhookBody;
  expect(parsed).toMatchObject({ event: "azure-relay/status-changed/v1", registrationId: "r1", registrationName: "Shop API", previousState: "CONNECTING", state: "ONLINE", at: "2026-11-30T10:00:00.000Z", hostId: "host-a", code: null });
  // The reference verification accepts it, and refuses a changed body, a wrong secret and an old timestamp.
  const now = Math.floor(Date.now() / 1000);
  expect(verifySignature(SECRET, { signature: expected, timestamp }, body, now)).toBe(true);
  expect(verifySignature(SECRET, { signature: expected, timestamp }, body.replace("ONLINE", "FAILED"), now)).toBe(false);
  expect(verifySignature("another-secret-0123456789", { signature: expected, timestamp }, body, now)).toBe(false);
  expect(verifySignature(SECRET, { signature: expected, timestamp }, body, now + 3600)).toBe(false);
  expect(webhook.status()).toMatchObject({ configured: true, url: receiver.url.replace(/\/hooks.*$/, "/…"), failing: false, pending: 0 });
});

test("failed attempts are retried with backoff (same delivery id, fresh signature) until the receiver answers 2xx", async () => {
  const receiver = await startReceiver((n) => (n <= 2 ? 500 : n === 3 ? 302 : 200));
  stops.push(receiver.close);
  const webhook = new StatusWebhook(settings(receiver.url), { hostId: "h", nameOf: async () => undefined, logger });
  stops.push(() => webhook.stop());
  webhook.enqueue(lost());
  await waitUntil("delivered after retries", () => webhook.status().delivered === 1);
  expect(receiver.received).toHaveLength(4); // 500, 500, 302 (a redirect is not followed), 200
  const ids = receiver.received.map((r) => (JSON.parse(r.body) as StatusWebhookBody).deliveryId);
  expect(new Set(ids).size).toBe(1);
  for (const r of receiver.received) {
    expect(verifySignature(SECRET, { signature: String(r.headers["x-ecs-signature"]), timestamp: String(r.headers["x-ecs-timestamp"]) }, r.body, Math.floor(Date.now() / 1000))).toBe(true);
  }
  expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ state: "RECONNECTING", code: "RELAY_CONNECTION_LOST", registrationName: null });
  expect(webhook.status()).toMatchObject({ failing: false, lastError: null, givenUp: 0 });
  expect(webhook.status().lastDeliveryAt).toBeInstanceOf(Date);
});

test("an event is given up after maxAttempts; the webhook shows failing with a plain error until a delivery succeeds", async () => {
  let healthy = false;
  const receiver = await startReceiver(() => (healthy ? 200 : 503));
  stops.push(receiver.close);
  const webhook = new StatusWebhook(settings(receiver.url, { maxAttempts: 3 }), { hostId: "h", nameOf: async () => undefined, logger });
  stops.push(() => webhook.stop());
  webhook.enqueue(online());
  await waitUntil("given up", () => webhook.status().givenUp === 1);
  expect(receiver.received).toHaveLength(3);
  const failing = webhook.status();
  expect(failing.failing).toBe(true);
  expect(failing.lastError).toMatchObject({ code: "STATUS_WEBHOOK_FAILED" });
  expect(failing.lastError!.message).toContain("HTTP 503");
  expect(failing.lastError!.message).not.toContain("token=abc"); // the URL's path and query are not shown
  healthy = true;
  webhook.enqueue(lost());
  await waitUntil("delivered", () => webhook.status().delivered === 1);
  expect(webhook.status()).toMatchObject({ failing: false, lastError: null });
  expect(logLines.join("\n")).not.toContain(SECRET);
  expect(logLines.join("\n")).not.toContain("token=abc");
});

test("a receiver that never answers: enqueueing stays synchronous, the queue is bounded (oldest dropped, counted), attempts time out", async () => {
  const receiver = await startReceiver(() => "hang");
  stops.push(receiver.close);
  const webhook = new StatusWebhook(settings(receiver.url, { queueSize: 3, timeoutMs: 200, maxAttempts: 2 }), { hostId: "h", nameOf: async () => undefined, logger });
  stops.push(() => webhook.stop());
  for (let i = 0; i < 50; i++) webhook.enqueue(i % 2 ? lost(`r${i}`) : online(`r${i}`));
  // All 50 were handled synchronously: one is being delivered, three wait, the rest were dropped oldest first.
  await waitUntil("the first attempt started", () => receiver.received.length === 1);
  expect(webhook.status()).toMatchObject({ pending: 4, dropped: 46 });
  expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ registrationId: "r0" });
  await waitUntil("an attempt timed out", () => webhook.status().failing);
  expect(webhook.status().lastError!.message).toContain("no answer within 200 ms");
  webhook.stop();
  expect(webhook.status().pending).toBeLessThanOrEqual(1);
});

describe("settings", () => {
  const config = (values: Record<string, string>) => ({ hostId: "h", defaultTargetUrl: "http://127.0.0.1/", listenAddresses: [], get: (k: string) => values[k] });

  test("unset URL: no webhook; defaults documented", () => {
    expect(webhookSettingsFrom(config({}))).toBeUndefined();
    expect(webhookSettingsFrom(config({ "statusWebhook.url": "https://hooks.example.com/x" }))).toMatchObject({ timeoutMs: 5000, maxAttempts: 5, retryInitialMs: 1000, retryMaxMs: 60_000, queueSize: 100 });
  });

  test("refuses non-http(s) URLs, credentials in the URL, a short secret and bad numbers, naming the setting and never the secret", () => {
    expect(() => webhookSettingsFrom(config({ "statusWebhook.url": "ftp://hooks.example.com/" }))).toThrow(/statusWebhook\.url uses ftp: — use an http:\/\/ or https:\/\//);
    expect(() => webhookSettingsFrom(config({ "statusWebhook.url": "https://user:pw@hooks.example.com/" }))).toThrow(/user name or password/);
    expect(() => webhookSettingsFrom(config({ "statusWebhook.url": "not a url" }))).toThrow(/statusWebhook\.url is not a URL/);
    let message = "";
    try {
      webhookSettingsFrom(config({ "statusWebhook.url": "https://hooks.example.com/", "statusWebhook.secret": "short-secret" }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/statusWebhook\.secret is too short/);
    expect(message).not.toContain("short-secret");
    expect(() => webhookSettingsFrom(config({ "statusWebhook.url": "https://hooks.example.com/", "statusWebhook.queueSize": "0" }))).toThrow(/statusWebhook\.queueSize is "0" — use a whole number from 1 to 10000/);
  });
});
