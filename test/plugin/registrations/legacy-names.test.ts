/**
 * A registration stored before the name rules, with a dot-segment name (`zz/../ecs-core`), is not started after an
 * upgrade: it would listen on `ecs-core` beside the real registration and split its traffic.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RelayEmulator } from "../../../server/emulator";
import { startTestEmulator } from "../../support/emulator";
import { startTestHost, type TestHost } from "../../support/host";
import { waitForState } from "../../support/stack";

let emulator: RelayEmulator;
let dataDir: string;
let host: TestHost | undefined;

beforeAll(async () => {
  emulator = await startTestEmulator();
  dataDir = mkdtempSync(join(tmpdir(), "ecs-legacy-"));
});
afterAll(async () => {
  await host?.stop();
  await emulator.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test("a stored zz/../ecs-core registration stays DISABLED; a valid one beside it goes ONLINE", async () => {
  const listen = emulator.connectionStrings().find((c) => c.policy === "ecs-core-listen")!.connectionString;
  const env = { ECS_DEFAULT_TARGET_URL: "http://127.0.0.1:1/" };
  host = await startTestHost({ dataDir, env });
  const add = `mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { id } }`;
  const { body } = await host.gql<{ addRelayRegistration: { id: string } }>(add, { input: { connectionString: listen, hybridConnectionName: "ecs-core", enabled: false } });
  const id = body.data!.addRelayRegistration.id;
  // What an older version could have stored: the same record under a dot-segment name, enabled.
  const store = host.services.forPlugin("azure-relay").store;
  const record = (await store.get<Record<string, unknown>>(`registration:${id}`))!;
  await store.set(`registration:${id}`, { ...record, hybridConnectionName: "zz/../ecs-core", enabled: true });
  await host.stop();

  host = await startTestHost({ dataDir, env });
  const status = `query($id: ID!) { relayRegistration(id: $id) { hybridConnectionName enabled status { state } } }`;
  const seen = await host.gql<{ relayRegistration: { hybridConnectionName: string; enabled: boolean; status: { state: string } } }>(status, { id });
  expect(seen.body.data?.relayRegistration).toEqual({ hybridConnectionName: "zz/../ecs-core", enabled: true, status: { state: "DISABLED" } });

  const valid = await host.gql<{ addRelayRegistration: { id: string } }>(add, { input: { connectionString: emulator.connectionStrings().find((c) => c.policy === "RootManageSharedAccessKey")!.connectionString, hybridConnectionName: "ecs-core" } });
  await waitForState(host, valid.body.data!.addRelayRegistration.id, "ONLINE");
  expect((await host.gql<{ relayRegistration: { status: { state: string } } }>(status, { id })).body.data?.relayRegistration.status.state).toBe("DISABLED");
});
