/** Keys are sealed before they reach the store, never logged, and registrations survive a host restart. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestEmulator } from "../../support/emulator";
import { startTestHost, type TestHost } from "../../support/host";
import { waitForState } from "../../support/stack";
import type { RelayEmulator } from "../../../server/emulator";

const ADD = `mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { id keyFingerprint } }`;

let emulator: RelayEmulator;
let dataDir: string;
let listen: string;
let key: string;
/** The probe's Send connection string and its key (sealed like the main one). */
let send: string;
let sendKey: string;

function rawDataFolder(): string {
  return readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f)).toString("latin1")).join("\n");
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  listen = emulator.connectionStrings().find((c) => c.policy === "ecs-core-listen")!.connectionString;
  key = /SharedAccessKey=([^;]+)/.exec(listen)![1];
  send = emulator.connectionStrings().find((c) => c.policy === "ecs-core-send")!.connectionString;
  sendKey = /SharedAccessKey=([^;]+)/.exec(send)![1];
  dataDir = mkdtempSync(join(tmpdir(), "ecs-secrets-"));
});
afterAll(async () => {
  await emulator.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a registration in the store", () => {
  let host: TestHost;
  let id: string;

  afterAll(async () => host?.stop());

  test("the SQLite file holds neither the key nor the connection string", async () => {
    host = await startTestHost({ dataDir, env: { ECS_DEFAULT_TARGET_URL: "http://127.0.0.1:1/" } });
    const { body } = await host.gql<{ addRelayRegistration: { id: string } }>(ADD, { input: { connectionString: listen, hybridConnectionName: "ecs-core", enabled: false, probe: { sendConnectionString: send } } });
    id = body.data!.addRelayRegistration.id;
    await host.stop();
    const raw = rawDataFolder();
    expect(raw).toContain(id); // the file really holds the registration…
    expect(raw).not.toContain(key); // …but not its key,
    expect(raw).not.toContain(Buffer.from(key, "base64").toString("latin1")); // not even decoded,
    expect(raw).not.toContain(sendKey); // nor the probe's Send key,
    expect(raw).not.toContain("SharedAccessKey="); // nor any connection string.
  });

  test("persists across a restart on the same data folder, key still usable", async () => {
    host = await startTestHost({ dataDir, env: { ECS_DEFAULT_TARGET_URL: "http://127.0.0.1:1/" } });
    const { body } = await host.gql<{ relayRegistrations: Array<{ id: string; keyName: string }> }>("{ relayRegistrations { id keyName } }");
    expect(body.data!.relayRegistrations).toEqual([{ id, keyName: "ecs-core-listen" }]);
    // The sealed key opens under the persisted host secret: enabling brings the listener online with it.
    await host.gql(`mutation($id: ID!) { updateRelayRegistration(id: $id, input: { enabled: true }) { id } }`, { id });
    await waitForState(host, id, "ONLINE");
    // The probe's sealed Send key opens too: the probe through the relay succeeds with it.
    const probed = await host.gql<{ probeRelayRegistration: { ok: boolean } }>(`mutation($id: ID!) { probeRelayRegistration(id: $id) { ok } }`, { id });
    expect(probed.body.data).toEqual({ probeRelayRegistration: { ok: true } });
  });
});

test("logs carry no key, not even when a broken string is pasted", async () => {
  const host = await startTestHost({ env: { ECS_DEFAULT_TARGET_URL: "http://127.0.0.1:1/" } });
  try {
    const broken = listen.replace("Endpoint=sb://", "Endpoint=http://") + ";Bogus=1";
    await host.gql(ADD, { input: { connectionString: broken } });
    await host.gql(ADD, { input: { connectionString: listen + ";;SharedAccessKeyName=dup" } });
    await host.gql(ADD, { input: { connectionString: listen, hybridConnectionName: "ecs-core" } });
    await host.gql("{ checkRelayConnectionString(connectionString: " + JSON.stringify(listen) + ") { valid } }");
    expect(host.logs.length).toBeGreaterThan(0);
    expect(host.logs.join("\n")).not.toContain(key);
  } finally {
    await host.stop();
  }
});
