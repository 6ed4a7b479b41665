/**
 * History survives a host restart: the reference host with the plugin on a real SQLite store in a data folder,
 * a listener through the emulator goes ONLINE, the host stops and starts again on the same folder, and
 * `RelayRegistration.history` shows the first run's changes, the shutdown (HOST_STOPPED) and the second run's.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RelayEmulator } from "../../../server/emulator";
import { startSampleService, type SampleService } from "../../../server/sample-service/sample-service";
import { listenerConnectionString, startTestEmulator } from "../../support/emulator";
import { startTestHost, type TestHost } from "../../support/host";
import { waitForState } from "../../support/stack";

let emulator: RelayEmulator;
let sample: SampleService;
let dataDir: string;
const hosts: TestHost[] = [];

beforeAll(async () => {
  emulator = await startTestEmulator();
  sample = await startSampleService();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "history-restart-"));
});

afterAll(async () => {
  for (const h of hosts) await h.stop();
  await emulator?.stop();
  await sample?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function startHost(): Promise<TestHost> {
  const host = await startTestHost({ dataDir, env: { ECS_DEFAULT_TARGET_URL: sample.url, ECS_PLUGIN_AZURE_RELAY_HISTORY_FLUSHMS: "50" } });
  hosts.push(host);
  return host;
}

interface History { changes: Array<{ state: string; previousState: string | null; hostId: string; code: string | null; at: string }>; uptime24h: number | null; flaps24h: number }

async function historyOf(host: TestHost, id: string): Promise<History> {
  const { body } = await host.gql<{ relayRegistration: { history: History } }>(
    `query($id: ID!) { relayRegistration(id: $id) { history(days: 1) { changes { at state previousState hostId code } uptime24h uptime7d flaps24h flaps7d } } }`, { id });
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.relayRegistration.history;
}

test("state changes are kept in the store across a host restart, the downtime recorded as STOPPING", async () => {
  const first = await startHost();
  const { body } = await first.gql<{ addRelayRegistration: { id: string } }>(`mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { id } }`, {
    input: { connectionString: listenerConnectionString(emulator), hybridConnectionName: "ecs-core" },
  });
  const id = body.data!.addRelayRegistration.id;
  await waitForState(first, id, "ONLINE");
  const before = await historyOf(first, id);
  expect(before.changes.map((c) => c.state)).toEqual(expect.arrayContaining(["CONNECTING", "ONLINE"]));
  expect(before.changes.every((c) => c.hostId === "test-host")).toBe(true);
  await first.stop();

  const second = await startHost();
  await waitForState(second, id, "ONLINE");
  const after = await historyOf(second, id);
  const states = after.changes.map((c) => c.state);
  // The first run's changes come back from the store, then the shutdown, then the second run's.
  expect(states.slice(0, before.changes.length)).toEqual(before.changes.map((c) => c.state));
  const stopped = after.changes.findIndex((c) => c.state === "STOPPING" && c.code === "HOST_STOPPED");
  expect(stopped).toBeGreaterThanOrEqual(before.changes.length);
  expect(states.slice(stopped + 1)).toContain("ONLINE");
  expect(after.uptime24h).not.toBeNull();
  expect(after.uptime24h!).toBeGreaterThan(0);
  expect(after.uptime24h!).toBeLessThan(1); // the restart's gap is not counted as up
  expect(after.flaps24h).toBe(0); // a shutdown is no flap
}, 60_000);

test("history(days) refuses a window outside 1–7 days, naming the argument", async () => {
  const host = hosts[hosts.length - 1]!;
  const { body: list } = await host.gql<{ relayRegistrations: Array<{ id: string }> }>(`{ relayRegistrations { id } }`);
  const id = list.data!.relayRegistrations[0]!.id;
  const { body } = await host.gql(`query($id: ID!) { relayRegistration(id: $id) { history(days: 8) { flaps7d } } }`, { id });
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "days" });
});
