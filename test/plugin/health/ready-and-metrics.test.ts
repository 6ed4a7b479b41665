/**
 * /ready and /metrics end to end: the reference host with the plugin, the emulator, a real target that goes down.
 * Readiness follows the registrations' states; metrics parse as Prometheus text and move with relayed traffic;
 * both refuse callers without a token the host accepts.
 */
import { request } from "node:http";
import { RELAY_STATES } from "../../../server/plugin/supervisor/relay-status";
import { waitUntil } from "../../support/eventually";
import { parsePrometheusText, type PromSample } from "../../support/prometheus-text";
import { startRelayStack, type RelayStack } from "../../support/stack";
import { startSwitchableTarget, type SwitchableTarget } from "../../support/switchable-target";

const METRICS_TOKEN = "m".repeat(20) + "0123456789abcdef"; // 36 characters
let stack: RelayStack;
let target: SwitchableTarget;

beforeAll(async () => {
  stack = await startRelayStack({ hostEnv: { ECS_METRICS_TOKEN: METRICS_TOKEN } });
  target = await startSwitchableTarget();
}, 30_000);

afterAll(async () => {
  await stack?.stop();
  await target?.close();
});

function get(path: string, token: string | null = METRICS_TOKEN): Promise<{ status: number; type: string; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${stack.host.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function metrics(): Promise<PromSample[]> {
  const res = await get("/metrics");
  expect(res.status).toBe(200);
  expect(res.type).toContain("text/plain");
  return parsePrometheusText(res.body).samples;
}

function value(samples: PromSample[], name: string, labels: Record<string, string>): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

test("both endpoints refuse a caller without an accepted token; the metrics token and the reader token are accepted", async () => {
  for (const path of ["/ready", "/metrics"]) {
    const anonymous = await get(path, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers["www-authenticate"]).toMatch(/^Bearer /);
    expect((await get(path, "x".repeat(40))).status).toBe(401);
    expect([200, 503]).toContain((await get(path, stack.host.readerToken)).status);
    expect([200, 503]).toContain((await get(path)).status);
  }
  expect((await get("/healthz", null)).status).toBe(200); // liveness stays open
});

test("/ready is 503 naming the registration while its target is down, and 200 once it is ONLINE again", async () => {
  const id = await stack.addRegistration({ targetUrl: target.url, targetHealth: { intervalMs: 150, timeoutMs: 100, failures: 2 } });
  await stack.waitForState(id, "ONLINE");
  expect((await get("/ready")).status).toBe(200);

  await target.down();
  await stack.waitForState(id, "DEGRADED");
  const notReady = await get("/ready");
  expect(notReady.status).toBe(503);
  const body = JSON.parse(notReady.body) as { status: string; checks: Array<{ check: string; ready: boolean; details?: { notReady: Array<{ id: string; state: string; reason?: string }> } }> };
  expect(body.status).toBe("not ready");
  const relay = body.checks.find((c) => c.check === "azure-relay/relay-listeners");
  expect(relay?.ready).toBe(false);
  expect(relay?.details?.notReady).toEqual([expect.objectContaining({ id, state: "DEGRADED", reason: expect.stringContaining(target.url) })]);
  expect(value(await metrics(), "azure_relay_target_healthy", { registration_id: id })).toBe(0);

  await target.up();
  await stack.waitForState(id, "ONLINE");
  await waitUntil("/ready answers 200", async () => (await get("/ready")).status === 200);
  expect(value(await metrics(), "azure_relay_target_healthy", { registration_id: id })).toBe(1);
  await stack.host.gql(`mutation($id: ID!) { removeRelayRegistration(id: $id) }`, { id });
}, 30_000);

test("/metrics parses as Prometheus text, has process metrics, and its counters move with relayed traffic", async () => {
  const id = await stack.addRegistration({ name: "Shop API", targetUrl: target.url });
  await stack.waitForState(id, "ONLINE");
  const labels = { registration: "Shop API", registration_id: id };
  const before = await metrics();
  expect(before.some((s) => s.name === "ecs_host_process_cpu_user_seconds_total")).toBe(true);
  expect(value(before, "azure_relay_listener_state", { ...labels, state: "ONLINE" })).toBe(1);
  expect(value(before, "azure_relay_listener_up", labels)).toBe(1);
  const requestsBefore = value(before, "azure_relay_requests_total", labels) ?? 0;

  for (let i = 0; i < 3; i++) expect((await stack.sendThroughRelay("/hello")).status).toBe(200);
  let after: PromSample[] = [];
  await waitUntil("the traffic reached the metrics", async () => ((value((after = await metrics()), "azure_relay_requests_total", labels) ?? 0) >= requestsBefore + 3));
  expect(value(after, "azure_relay_bytes_out_total", labels)).toBeGreaterThan(value(before, "azure_relay_bytes_out_total", labels) ?? 0);
  expect(value(after, "azure_relay_request_duration_seconds_count", labels)).toBeGreaterThanOrEqual(3); // from the journal's records
  expect(value(after, "azure_relay_failed_requests_total", { ...labels, reason: "targetUnreachable" })).toBe(0);
  await stack.host.gql(`mutation($id: ID!) { removeRelayRegistration(id: $id) }`, { id });
}, 30_000);

test("label sets stay bounded with 500 registrations: one per registration per fixed label value, no paths", async () => {
  const { body } = await stack.host.gql(`{ relayRegistrations { id } }`);
  const existing = (body as { data: { relayRegistrations: unknown[] } }).data.relayRegistrations.length;
  const count = 500;
  for (let i = 0; i < count; i++) {
    await stack.addRegistration({ name: `bulk-${i}`, hybridConnectionName: `bulk-${i}`, enabled: false });
  }
  for (let i = 0; i < 5; i++) await stack.sendThroughRelay(`/path-${i}?client=${i}`, { hybridConnection: "bulk-0" }).catch(() => undefined);
  const samples = (await metrics()).filter((s) => s.name.startsWith("azure_relay_"));
  const registrations = new Set(samples.map((s) => s.labels.registration_id));
  expect(registrations.size).toBe(existing + count);
  const perName = new Map<string, number>();
  for (const s of samples) perName.set(s.name, (perName.get(s.name) ?? 0) + 1);
  expect(perName.get("azure_relay_requests_total")).toBe(existing + count);
  expect(perName.get("azure_relay_listener_state")).toBe((existing + count) * RELAY_STATES.length); // one per state
  for (const s of samples) {
    expect(Object.keys(s.labels).every((k) => ["registration", "registration_id", "reason", "state", "status_class", "le"].includes(k))).toBe(true);
    expect(Object.values(s.labels).join(" ")).not.toMatch(/path-|client=/);
  }
}, 180_000);
