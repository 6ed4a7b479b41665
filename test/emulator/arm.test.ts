/**
 * The emulator's ARM surface through the real @azure/arm-relay client: endpoint option, the emulator's CA trusted
 * through the SDK's own TLS options (nothing process-wide), a static bearer token. Shapes, live counts, rules and
 * keys, and the errors ARM gives.
 */
import https from "node:https";
import { RelayAPI } from "@azure/arm-relay";
import type { AccessToken, TokenCredential } from "@azure/identity";
import WebSocket from "ws";
import { emulatorAdmin, listenToken, listenUri, startTestEmulator, type RelayEmulator } from "../support/emulator";

const token: TokenCredential = { getToken: async (): Promise<AccessToken> => ({ token: "test-token", expiresOnTimestamp: Date.now() + 3600_000 }) };

let emu: RelayEmulator;
let client: RelayAPI;
let rg: string;
let ns: string;

beforeAll(async () => {
  emu = await startTestEmulator({ arm: { subscriptionId: "sub-1", resourceGroup: "rg-1" } });
  const arm = emu.arm!;
  rg = arm.resourceGroup;
  ns = arm.namespaceName;
  client = new RelayAPI(token, arm.subscriptionId, { endpoint: arm.url, credentialScopes: [`${arm.url}/.default`], tlsOptions: { ca: arm.caCert }, retryOptions: { maxRetries: 0 } });
});
afterAll(() => emu.stop());

function rawRequest(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(path, emu.arm!.url), { method, headers, ca: emu.arm!.caCert, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "null") }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("namespaces: get and list carry the 2017-04-01 shape", async () => {
  const got = await client.namespaces.get(rg, ns);
  expect(got).toMatchObject({ name: ns, type: "Microsoft.Relay/Namespaces", provisioningState: "Succeeded", sku: { name: "Standard" } });
  expect(got.id).toBe(`/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Relay/namespaces/${ns}`);
  const all = [];
  for await (const n of client.namespaces.list()) all.push(n.name);
  expect(all).toEqual([ns]);
});

test("lists the live namespace's hybrid connections with counts and dates", async () => {
  const hcs = [];
  for await (const hc of client.hybridConnections.listByNamespace(rg, ns)) hcs.push(hc);
  expect(hcs.map((h) => h.name)).toEqual(["ecs-core"]);
  expect(hcs[0]).toMatchObject({ listenerCount: 0, requiresClientAuthorization: true, userMetadata: "" });
  expect(hcs[0]!.createdAt).toBeInstanceOf(Date);
});

test("a hybrid connection created through ARM exists on the data plane, and delete removes it", async () => {
  const created = await client.hybridConnections.createOrUpdate(rg, ns, "made-by-arm", { requiresClientAuthorization: true, userMetadata: "owner=test" });
  expect(created).toMatchObject({ name: "made-by-arm", listenerCount: 0, userMetadata: "owner=test" });
  expect(emu.namespace.getHybridConnection("made-by-arm")?.userMetadata).toBe("owner=test");
  const updated = await client.hybridConnections.createOrUpdate(rg, ns, "made-by-arm", { userMetadata: "owner=other" });
  expect(updated.userMetadata).toBe("owner=other");
  await client.hybridConnections.delete(rg, ns, "made-by-arm");
  expect(emu.namespace.getHybridConnection("made-by-arm")).toBeUndefined();
  await expect(client.hybridConnections.get(rg, ns, "made-by-arm")).rejects.toMatchObject({ statusCode: 404, code: "NotFound" });
});

test("authorization rules at both scopes: create, get, list, listKeys, regenerateKeys, delete", async () => {
  const rule = await client.hybridConnections.createOrUpdateAuthorizationRule(rg, ns, "ecs-core", "hc-listen", { rights: ["Listen"] });
  expect(rule).toMatchObject({ name: "hc-listen", rights: ["Listen"], type: "Microsoft.Relay/Namespaces/HybridConnections/AuthorizationRules" });
  const names = [];
  for await (const r of client.hybridConnections.listAuthorizationRules(rg, ns, "ecs-core")) names.push(r.name);
  expect(names).toEqual(["hc-listen"]);
  const keys = await client.hybridConnections.listKeys(rg, ns, "ecs-core", "hc-listen");
  expect(keys.primaryKey).toBe(emu.namespace.getRule("hc-listen")!.primaryKey);
  expect(keys.primaryConnectionString).toBe(
    `Endpoint=sb://${emu.namespaceHost}/;SharedAccessKeyName=hc-listen;SharedAccessKey=${keys.primaryKey};EntityPath=ecs-core;UseDevelopmentEmulator=true`,
  );
  const regenerated = await client.hybridConnections.regenerateKeys(rg, ns, "ecs-core", "hc-listen", { keyType: "PrimaryKey" });
  expect(regenerated.primaryKey).not.toBe(keys.primaryKey);
  expect(regenerated.secondaryKey).toBe(keys.secondaryKey);
  await expect(client.namespaces.getAuthorizationRule(rg, ns, "hc-listen")).rejects.toMatchObject({ statusCode: 404 });
  await client.hybridConnections.deleteAuthorizationRule(rg, ns, "ecs-core", "hc-listen");
  expect(emu.namespace.getRule("hc-listen")).toBeUndefined();

  const root = await client.namespaces.getAuthorizationRule(rg, ns, "RootManageSharedAccessKey");
  expect(root.rights).toEqual(["Listen", "Send", "Manage"]);
  const nsRule = await client.namespaces.createOrUpdateAuthorizationRule(rg, ns, "ns-send", { rights: ["Send"] });
  expect(nsRule.type).toBe("Microsoft.Relay/Namespaces/AuthorizationRules");
  expect((await client.namespaces.listKeys(rg, ns, "ns-send")).secondaryKey).toBe(emu.namespace.getRule("ns-send")!.secondaryKey);
  await client.namespaces.deleteAuthorizationRule(rg, ns, "ns-send");
});

async function connectListener(): Promise<WebSocket> {
  const ws = new WebSocket(`${listenUri(emu)}&sb-hc-token=${encodeURIComponent(listenToken(emu))}`);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return ws;
}

async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(sockets.map((ws) => new Promise<void>((resolve) => (ws.readyState === ws.CLOSED ? resolve() : (ws.once("close", () => resolve()), ws.close())))));
}

test("listenerCount is live, and hide-listeners drops open channels from it (ARM only)", async () => {
  const count = async () => (await client.hybridConnections.get(rg, ns, "ecs-core")).listenerCount;
  const sockets = [await connectListener()];
  try {
    expect(await count()).toBe(1);
    sockets.push(await connectListener());
    expect(await count()).toBe(2);
    expect(await emulatorAdmin(emu, "POST", "faults/hide-listeners", { hybridConnection: "ecs-core" })).toMatchObject({ status: 200, body: { hidden: 2 } });
    expect(await count()).toBe(0);
    expect(sockets.every((ws) => ws.readyState === ws.OPEN)).toBe(true);
    // The emulator's own admin view still sees the sockets: only what Azure reports is affected.
    expect((await emulatorAdmin(emu, "GET", "hybrid-connections/ecs-core")).body.listenerCount).toBe(2);
    sockets.push(await connectListener());
    expect(await count()).toBe(1);
    await emulatorAdmin(emu, "POST", "faults/clear");
    expect(await count()).toBe(3);
  } finally {
    await closeAll(sockets);
  }
  await new Promise((r) => setTimeout(r, 50));
  expect(await count()).toBe(0);
});

test("unknown resources, scopes and api-versions get ARM errors", async () => {
  await expect(client.hybridConnections.get(rg, ns, "nope")).rejects.toMatchObject({ statusCode: 404, code: "NotFound" });
  await expect(client.hybridConnections.get("other-rg", ns, "ecs-core")).rejects.toMatchObject({ statusCode: 404, code: "ResourceGroupNotFound" });
  await expect(client.namespaces.get(rg, "other-ns")).rejects.toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
  const base = `/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Relay/namespaces/${ns}/hybridConnections`;
  const noVersion = await rawRequest("GET", base, { authorization: "Bearer x" });
  expect(noVersion).toMatchObject({ status: 400, body: { error: { code: "MissingApiVersionParameter" } } });
});

test("no bearer token: 401 AuthenticationFailed", async () => {
  const base = `/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Relay/namespaces/${ns}/hybridConnections?api-version=2017-04-01`;
  const none = await rawRequest("GET", base);
  expect(none.status).toBe(401);
  expect(none.body.error.code).toBe("AuthenticationFailed");
  const basic = await rawRequest("GET", base, { authorization: "Basic dXNlcjpwYXNz" });
  expect(basic.status).toBe(401);
  expect((await rawRequest("GET", base, { authorization: "Bearer anything" })).status).toBe(200);
});
