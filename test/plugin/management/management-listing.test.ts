/**
 * Management access and `relays` against a host with the plugin and the emulator's ARM endpoint: relays known from
 * registrations alone, then from Azure once access is configured; secrets sealed and never returned; the hybrid
 * connection created on add; NOT_FOUND without access.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { accessInput, eventually, SET_ACCESS, startArmStack, TEST_TOKEN, type ArmStack } from "./arm-stack";

let stack: ArmStack;
beforeAll(async () => {
  stack = await startArmStack();
});
afterAll(() => stack?.stop());

let waitingId = "";
const STATUS = `query($id: ID!) { relayRegistration(id: $id) { status { state lastError { code advice } } relay { name listenerCount userMetadata } } }`;

test("without management access, relays come from the registrations alone", async () => {
  const id = await stack.addRegistration();
  await stack.waitForState(id, "ONLINE");
  const relays = await stack.relays();
  expect(relays).toHaveLength(1);
  expect(relays[0]).toMatchObject({ name: "ecs-core", namespace: stack.emulator.namespaceHost, source: "REGISTRATIONS", existsInAzure: null, listenerCount: null, ourListenersOnline: 1 });
  expect(relays[0].registrations).toEqual([{ id, keyName: "ecs-core-listen" }]);
  expect(relays[0].halfOpenSuspected).toBe(false);
});

test("a missing hybrid connection without management access is NOT_FOUND, and nothing creates it", async () => {
  waitingId = await stack.addRegistration({ hybridConnectionName: "not-there", connectionString: stack.rootConnectionString });
  await stack.waitForState(waitingId, "NOT_FOUND");
  const body = await stack.gql(STATUS, { id: waitingId });
  expect(body.data?.relayRegistration.status.lastError.advice).toMatch(/create it/i);
  expect(stack.emulator.namespace.getHybridConnection("not-there")).toBeUndefined();
});

test("setRelayManagementAccess validates, seals the token, returns only ids and a fingerprint, and creates what waiting registrations miss", async () => {
  const plainHttp = await stack.gql(SET_ACCESS, { input: { ...accessInput(stack.emulator.namespaceHost, stack.arm), endpoint: "http://127.0.0.1:1" } });
  expect(plainHttp.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "endpoint" });
  const noToken = await stack.gql(SET_ACCESS, { input: { ...accessInput(stack.emulator.namespaceHost, stack.arm), credential: { kind: "STATIC_TOKEN" } } });
  expect(noToken.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "credential.token" });
  const asReader = await stack.gql(SET_ACCESS, { input: accessInput(stack.emulator.namespaceHost, stack.arm) }, stack.host, stack.host.readerToken);
  expect(asReader.errors?.[0].extensions?.code).toBe("FORBIDDEN");

  const body = await stack.configureAccess();
  expect(body.errors).toBeUndefined();
  expect(body.data?.setRelayManagementAccess).toMatchObject({
    namespace: stack.emulator.namespaceHost,
    subscriptionId: "sub-test",
    resourceGroup: "rg-test",
    namespaceName: "emulator",
    credentialKind: "STATIC_TOKEN",
    trustsCustomCa: true,
    secretFingerprint: expect.stringMatching(/^sha256:[0-9a-f]{12}$/),
  });
  expect(JSON.stringify(body)).not.toContain(TEST_TOKEN);
  const listed = await stack.gql(`{ relayManagementAccess { namespace credentialKind secretFingerprint } }`, undefined, stack.host, stack.host.readerToken);
  expect(listed.data?.relayManagementAccess).toHaveLength(1);
  const stored = fs.readdirSync(stack.host.dataDir).map((f) => fs.readFileSync(path.join(stack.host.dataDir, f)).toString("latin1")).join("");
  expect(stored).not.toContain(TEST_TOKEN);
  expect(stack.host.logs.join("\n")).not.toContain(TEST_TOKEN);

  // The registration waiting in NOT_FOUND gets its hybrid connection and comes online without anyone touching it.
  expect(JSON.parse(stack.emulator.namespace.getHybridConnection("not-there")!.userMetadata)).toMatchObject({ hostId: "test-host", registrationId: waitingId });
  await stack.waitForState(waitingId, "ONLINE");
  await stack.gql(`mutation($id: ID!) { removeRelayRegistration(id: $id) }`, { id: waitingId });
});

test("with management access, relays list every hybrid connection Azure has, with Azure's numbers", async () => {
  stack.emulator.namespace.addHybridConnection({ name: "someone-elses", userMetadata: "made in the portal" });
  await eventually(async () => (await stack.relay("ecs-core"))?.listenerCount === 1);
  const relays = await stack.relays();
  expect(relays.map((r) => r.name)).toEqual(["ecs-core", "not-there", "someone-elses"]);
  const [ours, , other] = relays;
  expect(ours).toMatchObject({ source: "AZURE", existsInAzure: true, listenerCount: 1, ourListenersOnline: 1, requiresClientAuthorization: true, halfOpenSuspected: false, foreignListenersSuspected: false, managementError: null });
  expect(new Date(ours.createdAt).getTime()).toBe(stack.emulator.namespace.getHybridConnection("ecs-core")!.createdAt.getTime());
  expect(other).toMatchObject({ source: "AZURE", listenerCount: 0, userMetadata: "made in the portal", registrations: [] });
});

test("adding a registration for a missing hybrid connection creates it (client authorization on, owner in userMetadata)", async () => {
  const id = await stack.addRegistration({ hybridConnectionName: "created-on-add", connectionString: stack.rootConnectionString, name: "Created on add" });
  const hc = stack.emulator.namespace.getHybridConnection("created-on-add");
  expect(hc).toBeDefined();
  expect(hc!.requiresClientAuthorization).toBe(true);
  expect(JSON.parse(hc!.userMetadata)).toEqual({ createdBy: "ecs-core-azure-relay", hostId: "test-host", registrationId: id, registration: "Created on add" });
  await stack.waitForState(id, "ONLINE");
  const body = await stack.gql(STATUS, { id });
  await eventually(async () => (await stack.gql(STATUS, { id })).data?.relayRegistration.relay.listenerCount === 1);
  expect(body.data?.relayRegistration.relay.name).toBe("created-on-add");
});

test("enabling a disabled registration creates its missing hybrid connection", async () => {
  const id = await stack.addRegistration({ hybridConnectionName: "re-enabled", connectionString: stack.rootConnectionString, enabled: false });
  expect(stack.emulator.namespace.getHybridConnection("re-enabled")).toBeUndefined();
  const body = await stack.gql(`mutation($id: ID!) { updateRelayRegistration(id: $id, input: { enabled: true }) { id } }`, { id });
  expect(body.errors).toBeUndefined();
  expect(stack.emulator.namespace.getHybridConnection("re-enabled")).toBeDefined();
  await stack.waitForState(id, "ONLINE");
});

test("an unreachable ARM endpoint shows as managementError and the relays fall back to the registrations", async () => {
  const input = { ...accessInput(stack.emulator.namespaceHost, stack.arm), endpoint: "https://127.0.0.1:1" };
  expect((await stack.gql(SET_ACCESS, { input })).errors).toBeUndefined();
  const ours = await stack.relay("ecs-core");
  expect(ours).toMatchObject({ source: "REGISTRATIONS", listenerCount: null, existsInAzure: null });
  expect(ours.managementError).toMatch(/could not be reached|ECONNREFUSED/i);
  expect((await stack.gql(`mutation($ns: String!) { removeRelayManagementAccess(namespace: $ns) }`, { ns: stack.emulator.namespaceHost })).data?.removeRelayManagementAccess).toBe(true);
  expect((await stack.relay("ecs-core")).managementError).toBeNull();
  expect((await stack.gql(`{ relayManagementAccess { namespace } }`)).data?.relayManagementAccess).toEqual([]);
});
