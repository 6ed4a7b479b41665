/**
 * secureRelayRegistration end to end: a registration on RootManageSharedAccessKey moves to a Listen-only rule on its
 * hybrid connection while requests stream through the relay, with zero failed requests; regenerating the old
 * rule's keys afterwards locks out the old key (401) and leaves our listener ONLINE. Clear errors otherwise.
 */
import WebSocket from "ws";
import { createSasToken } from "../../../server/relay/sas-token";
import { startArmStack, type ArmStack } from "./arm-stack";

let stack: ArmStack;
beforeAll(async () => {
  stack = await startArmStack();
});
afterAll(() => stack?.stop());


const SECURE = `mutation($id: ID!) { secureRelayRegistration(id: $id) {
  ruleName previousKeyName previousRights keyFingerprint steps summary registration { id keyName keyFingerprint status { state } } } }`;

/** Sends requests one after another until stopped; resolves with every status seen. */
function steadyStream(): { stop(): Promise<string[]> } {
  const statuses: string[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const res = await stack.sendThroughRelay(`/echo/steady?i=${statuses.length}`).catch((e: Error) => ({ status: -1, body: e.message }));
      // A failure keeps its body, so a report says which side gave up.
      statuses.push(res.status === 200 ? "200" : `${res.status} ${String(res.body).slice(0, 200)}`);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return statuses;
    },
  };
}

/** Opens a listen channel with a token signed by `key`; resolves with the handshake status. */
function listenWith(keyName: string, key: string): Promise<number> {
  const token = createSasToken({ namespace: stack.emulator.namespaceHost, hybridConnectionName: "ecs-core", keyName, key });
  const ws = new WebSocket(`ws://${stack.emulator.namespaceHost}/$hc/ecs-core?sb-hc-action=listen&sb-hc-token=${encodeURIComponent(token)}`);
  return new Promise((resolve) => {
    ws.once("open", () => (ws.close(), resolve(101)));
    ws.once("unexpected-response", (_req, res) => (res.resume(), ws.terminate(), resolve(res.statusCode ?? 0)));
    ws.once("error", () => resolve(-1));
  });
}

test("without management access: a clear CONFLICT naming both ways out", async () => {
  const id = await stack.addRegistration({ connectionString: stack.rootConnectionString, hybridConnectionName: "ecs-core" });
  await stack.waitForState(id, "ONLINE");
  const body = await stack.gql(SECURE, { id });
  expect(body.errors?.[0].extensions?.code).toBe("CONFLICT");
  expect(body.errors?.[0].message).toMatch(/no management access.*setRelayManagementAccess.*Listen-only rule/);
  const rights = await stack.gql(`query($id: ID!) { relayRegistration(id: $id) { keyRights secureRecommended } }`, { id });
  expect(rights.data?.relayRegistration).toEqual({ keyRights: null, secureRecommended: false });
  expect((await stack.gql(SECURE, { id: "no-such-id" })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
  expect((await stack.gql(SECURE, { id }, stack.host, stack.host.readerToken)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
});

test("moves the registration to a Listen-only rule under a steady request stream: no failed requests (but the known close race)", async () => {
  expect((await stack.configureAccess()).errors).toBeUndefined();
  const [relay] = await stack.relays();
  const id = relay.registrations[0].id as string;
  const oldRoot = stack.emulator.namespace.getRule("RootManageSharedAccessKey")!.primaryKey;
  const RIGHTS = `query($id: ID!) { relayRegistration(id: $id) { keyRights secureRecommended } }`;
  expect((await stack.gql(RIGHTS, { id })).data?.relayRegistration).toEqual({ keyRights: ["Listen", "Send", "Manage"], secureRecommended: true });

  const stream = steadyStream();
  await new Promise((r) => setTimeout(r, 300));
  const body = await stack.gql(SECURE, { id });
  await new Promise((r) => setTimeout(r, 300));
  const statuses = await stream.stop();

  expect(body.errors).toBeUndefined();
  const report = body.data!.secureRelayRegistration;
  expect(report).toMatchObject({ ruleName: "ecs-core-test-host-listen", previousKeyName: "RootManageSharedAccessKey", previousRights: "Listen, Send, Manage" });
  expect(report.registration).toMatchObject({ keyName: "ecs-core-test-host-listen", status: { state: "ONLINE" } });
  expect(report.steps).toHaveLength(4);
  expect(report.summary).toMatch(/Listen-only rule ecs-core-test-host-listen/);
  const rule = stack.emulator.namespace.getRule("ecs-core-test-host-listen")!;
  expect(rule).toMatchObject({ rights: ["Listen"], hybridConnection: "ecs-core" });
  expect(JSON.stringify(body)).not.toContain(rule.primaryKey);

  expect(statuses.length).toBeGreaterThan(10);
  const failed = statuses.filter((s) => s !== "200");
  expect(failed).toEqual([]);

  expect((await stack.gql(RIGHTS, { id })).data?.relayRegistration).toEqual({ keyRights: ["Listen"], secureRecommended: false });
  // Secured already: nothing to do.
  const again = await stack.gql(SECURE, { id });
  expect(again.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT" }, message: expect.stringMatching(/Listen rights, not Manage/) });

  // The old rule's key can now be regenerated without touching our listener; the old key is refused.
  expect(await listenWith("RootManageSharedAccessKey", oldRoot)).toBe(101);
  const regenerated = await stack.client.namespaces.regenerateKeys(stack.arm.resourceGroup, stack.arm.namespaceName, "RootManageSharedAccessKey", { keyType: "PrimaryKey" });
  expect(regenerated.primaryKey).not.toBe(oldRoot);
  expect(await listenWith("RootManageSharedAccessKey", oldRoot)).toBe(401);
  expect(await listenWith("RootManageSharedAccessKey", regenerated.primaryKey!)).toBe(101);
  await stack.gql(`mutation($id: ID!) { restartRelayListener(id: $id) { id } }`, { id });
  await stack.waitForState(id, "ONLINE");
  expect((await stack.sendThroughRelay("/echo/after")).status).toBe(200);
});
