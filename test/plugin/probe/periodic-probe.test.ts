/**
 * The periodic probe and what it feeds, through the real stack: a registration with `probe.intervalSeconds` is
 * probed on its own and its lastProbe and the probe metrics move; a probe that finds the path broken (the relay
 * loses the answer) shows the ONLINE listener as DEGRADED with PROBE_FAILING, and the next good probe clears it.
 * Also the probe settings' validation: each problem at its field, never echoing a key.
 */
import { request } from "node:http";
import { emulatorAdmin } from "../../support/emulator";
import { waitUntil } from "../../support/eventually";
import { parsePrometheusText, type PromSample } from "../../support/prometheus-text";
import { lastProbe, probe } from "../../support/probe";
import { startRelayStack, type RelayStack } from "../../support/stack";

const METRICS_TOKEN = "p".repeat(20) + "0123456789abcdef";
let stack: RelayStack;
let id: string;

beforeAll(async () => {
  stack = await startRelayStack({ hostEnv: { ECS_METRICS_TOKEN: METRICS_TOKEN, ECS_PLUGIN_AZURE_RELAY_PROBE_TIMEOUTMS: "1500" } });
  id = await stack.addRegistration({ probe: { intervalSeconds: 10, sendConnectionString: stack.sendConnectionString } });
  await stack.waitForState(id, "ONLINE");
}, 30_000);
afterAll(() => stack?.stop());

function metrics(): Promise<PromSample[]> {
  return new Promise((resolve, reject) => {
    const req = request(`${stack.host.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(parsePrometheusText(Buffer.concat(chunks).toString("utf8")).samples));
    });
    req.on("error", reject);
    req.end();
  });
}

function value(samples: PromSample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && s.labels.registration_id === id && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

async function status(): Promise<{ state: string; lastError: { code: string } | null }> {
  const { body } = await stack.host.gql<{ relayRegistration: { status: { state: string; lastError: { code: string } | null } } }>(`query($id: ID!) { relayRegistration(id: $id) { status { state lastError { code } } } }`, { id });
  return body.data!.relayRegistration.status;
}

test("the periodic probe runs by itself and updates lastProbe and the probe metrics", async () => {
  expect(await lastProbe(stack, id)).toBeNull(); // nothing probed it yet: the first periodic probe is due after 10 s
  expect(value(await metrics(), "azure_relay_probe_rtt_ms")).toBeUndefined();
  await waitUntil("a periodic probe", async () => (await lastProbe(stack, id)) !== null, 25_000, 250);
  const last = await lastProbe(stack, id);
  expect(last).toMatchObject({ ok: true, answeredBy: "test-host", problem: null });
  const samples = await metrics();
  expect(value(samples, "azure_relay_probe_rtt_ms")).toBe(last!.roundTripMs);
  expect(value(samples, "azure_relay_probe_success")).toBe(1);
  expect(value(samples, "azure_relay_probes_total", { result: "ok" })).toBeGreaterThanOrEqual(1);
}, 40_000);

test("a probe that finds the path broken shows the ONLINE listener as DEGRADED; the next good probe clears it", async () => {
  await emulatorAdmin(stack.emulator, "POST", "faults/responses", { hybridConnection: "ecs-core", drop: true, count: 1 });
  const broken = await probe(stack, id);
  expect(broken.ok).toBe(false);
  expect(broken.problem?.code).toBe("PROBE_TIMEOUT");
  expect(await status()).toEqual({ state: "DEGRADED", lastError: { code: "PROBE_FAILING" } });
  const samples = await metrics();
  expect(value(samples, "azure_relay_probe_success")).toBe(0);
  expect(value(samples, "azure_relay_probes_total", { result: "failed" })).toBeGreaterThanOrEqual(1);
  expect((await probe(stack, id)).ok).toBe(true);
  expect(await status()).toEqual({ state: "ONLINE", lastError: null });
});

test("probe settings are validated at their field; the Send string is never echoed; an empty one removes it", async () => {
  const update = (probeInput: Record<string, unknown>) =>
    stack.host.gql(`mutation($id: ID!, $input: UpdateRelayRegistrationInput!) { updateRelayRegistration(id: $id, input: $input) { probe { intervalSeconds hasSendConnectionString } } }`, { id, input: { probe: probeInput } });
  const tooOften = await update({ intervalSeconds: 5 });
  expect(tooOften.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "probe.intervalSeconds" });
  const otherHc = stack.sendConnectionString.replace(/;EntityPath=[^;]*/i, "") + ";EntityPath=somewhere-else";
  const wrong = await update({ sendConnectionString: otherHc });
  expect(wrong.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "probe.sendConnectionString" });
  expect(JSON.stringify(wrong.body)).not.toContain(/SharedAccessKey=([^;]+)/.exec(otherHc)![1]);
  const cleared = await update({ sendConnectionString: "", intervalSeconds: 0 });
  expect(cleared.body.data).toEqual({ updateRelayRegistration: { probe: { intervalSeconds: 0, hasSendConnectionString: false } } });
  expect((await probe(stack, id)).problem?.code).toBe("PROBE_NEEDS_SEND_KEY");
});
