/**
 * The `targetAllow` setting end to end through the reference host's environment (ECS_PLUGIN_AZURE_RELAY_TARGETALLOW):
 * a listed address is accepted as a target, an unlisted one still refused; a malformed entry stops activation.
 */
import type { RelayEmulator } from "../../../server/emulator";
import { startTestEmulator } from "../../support/emulator";
import { startTestHost, type TestHost } from "../../support/host";

const ADD = `mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { targetUrl } }`;

let emulator: RelayEmulator;
let host: TestHost | undefined;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await host?.stop();
  await emulator.stop();
});

test("listed addresses and CIDRs become acceptable targets; the rest of the deny list holds", async () => {
  host = await startTestHost({ env: { ECS_PLUGIN_AZURE_RELAY_TARGETALLOW: "169.254.10.0/24, fd00:ec2::254" } });
  const listen = emulator.connectionStrings().find((c) => c.policy === "ecs-core-listen")!.connectionString;
  const add = (hybridConnectionName: string, targetUrl: string) =>
    host!.gql<{ addRelayRegistration: { targetUrl: string } }>(ADD, { input: { connectionString: listen, hybridConnectionName, targetUrl, enabled: false } });
  expect((await add("one", "http://169.254.10.7:8080/")).body.data?.addRelayRegistration.targetUrl).toBe("http://169.254.10.7:8080/");
  expect((await add("two", "http://[fd00:ec2::254]/")).body.data?.addRelayRegistration.targetUrl).toBe("http://[fd00:ec2::254]/");
  expect((await add("three", "http://169.254.169.254/")).body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "targetUrl" });
});

test("a malformed entry stops the plugin's activation, naming the setting and the entry", async () => {
  await expect(startTestHost({ env: { ECS_PLUGIN_AZURE_RELAY_TARGETALLOW: "10.0.0.0/8,not-an-address" } })).rejects.toThrow(
    'Setting azure-relay.targetAllow entry "not-an-address" is not an IP address or CIDR',
  );
});
