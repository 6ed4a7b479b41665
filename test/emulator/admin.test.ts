/** Admin API and namespace model (issue items 1 and 6; checklist 21-22). */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSasToken } from "../../server/relay/sas-token";
import { loadConfigFile } from "../../server/emulator/config";
import { isLoopback } from "../../server/emulator/admin-api";
import { emulatorAdmin, listenerConnectionString, rootConnectionString, sendToken, startTestEmulator, type RelayEmulator } from "../support/emulator";
import { dialListener, send } from "./helpers";

let emu: RelayEmulator;
beforeEach(async () => {
  emu = await startTestEmulator();
});
afterEach(() => emu.stop());

const CS = /^Endpoint=sb:\/\/127\.0\.0\.1:\d+\/;SharedAccessKeyName=[\w-]+;SharedAccessKey=[A-Za-z0-9+/]{43}=;UseDevelopmentEmulator=true$/;

test("default namespace: ecs-core, root + Listen-only + Send-only rules, pasteable connection strings", async () => {
  const r = await emulatorAdmin(emu, "GET", "connection-strings");
  expect(r.status).toBe(200);
  expect(r.body.map((c: { policy: string; rights: string[] }) => [c.policy, c.rights])).toEqual([
    ["RootManageSharedAccessKey", ["Listen", "Send", "Manage"]],
    ["ecs-core-listen", ["Listen"]],
    ["ecs-core-send", ["Send"]],
  ]);
  for (const c of r.body) expect(c.connectionString).toMatch(CS);
  expect(r.body[0].connectionString).toContain(`sb://${emu.namespaceHost}/`);
  expect(listenerConnectionString(emu)).toContain("SharedAccessKeyName=ecs-core-listen;");
  expect(rootConnectionString(emu)).toContain("SharedAccessKeyName=RootManageSharedAccessKey;");
  const hcs = await emulatorAdmin(emu, "GET", "hybrid-connections");
  expect(hcs.body).toEqual([expect.objectContaining({ name: "ecs-core", requiresClientAuthorization: true, userMetadata: "", enabled: true, listenerCount: 0 })]);
  expect(Date.parse(hcs.body[0].createdAt)).toBeGreaterThan(0);
});

test("hybrid connections: create, conflict, patch (updatedAt moves), delete, 404", async () => {
  const created = await emulatorAdmin(emu, "POST", "hybrid-connections", { name: "orders", userMetadata: "m" });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: "orders", requiresClientAuthorization: true, userMetadata: "m" });
  expect((await emulatorAdmin(emu, "POST", "hybrid-connections", { name: "orders" })).status).toBe(409);
  expect((await emulatorAdmin(emu, "POST", "hybrid-connections", { name: "bad name!" })).status).toBe(400);
  await new Promise((r) => setTimeout(r, 5));
  const patched = await emulatorAdmin(emu, "PATCH", "hybrid-connections/orders", { requiresClientAuthorization: false, userMetadata: "x" });
  expect(patched.body).toMatchObject({ requiresClientAuthorization: false, userMetadata: "x" });
  expect(Date.parse(patched.body.updatedAt)).toBeGreaterThan(Date.parse(patched.body.createdAt));
  expect((await emulatorAdmin(emu, "DELETE", "hybrid-connections/orders")).status).toBe(200);
  expect((await emulatorAdmin(emu, "GET", "hybrid-connections/orders")).status).toBe(404);
  expect((await emulatorAdmin(emu, "PATCH", "hybrid-connections/orders", {})).status).toBe(404);
});

test("rules: entity-scope strings carry EntityPath; keys regenerate; the old key stops working; Manage implies both", async () => {
  await emulatorAdmin(emu, "POST", "hybrid-connections", { name: "orders" });
  const rule = await emulatorAdmin(emu, "POST", "rules", { name: "orders-listen", rights: ["Listen"], hybridConnection: "orders" });
  expect(rule.status).toBe(201);
  const cs = (await emulatorAdmin(emu, "GET", "connection-strings")).body.find((c: { policy: string }) => c.policy === "orders-listen");
  expect(cs).toMatchObject({ hybridConnection: "orders", rights: ["Listen"] });
  expect(cs.connectionString).toMatch(/;UseDevelopmentEmulator=true;EntityPath=orders$/);
  const keyOf = () => emu.namespace.getKeys("orders-listen");
  const before = keyOf();
  const tok = (hc: string) => createSasToken({ namespace: emu.namespaceHost, hybridConnectionName: hc, keyName: "orders-listen", key: before.primaryKey });
  const ok = await dialListener(emu, "orders", tok("orders"));
  expect(ok.ws).toBeDefined();
  ok.ws!.close();
  // An entity-scope rule does not sign for other entities.
  expect((await dialListener(emu, "ecs-core", tok("ecs-core"))).status).toBe(401);
  const regen = await emulatorAdmin(emu, "POST", "rules/orders-listen/regenerate", { keyType: "PrimaryKey" });
  expect(regen.body.primaryKey).not.toBe(before.primaryKey);
  expect(regen.body.secondaryKey).toBe(before.secondaryKey);
  expect((await dialListener(emu, "orders", tok("orders"))).status).toBe(401);
  expect((await emulatorAdmin(emu, "POST", "rules/orders-listen/regenerate", { keyType: "Tertiary" })).status).toBe(400);
  const manage = await emulatorAdmin(emu, "POST", "rules", { name: "ops", rights: ["Manage"] });
  expect(manage.body.rights).toEqual(["Listen", "Send", "Manage"]);
  expect((await emulatorAdmin(emu, "POST", "rules", { name: "ops", rights: ["Send"] })).status).toBe(409);
  expect((await emulatorAdmin(emu, "POST", "rules", { name: "x", rights: ["Read"] })).status).toBe(400);
  expect((await emulatorAdmin(emu, "DELETE", "rules/ops")).status).toBe(200);
  expect((await emulatorAdmin(emu, "DELETE", "rules/ops")).status).toBe(404);
});

test("the secondary key signs too", async () => {
  const { secondaryKey } = emu.namespace.getKeys("ecs-core-listen");
  const t = createSasToken({ namespace: emu.namespaceHost, hybridConnectionName: "ecs-core", keyName: "ecs-core-listen", key: secondaryKey });
  const r = await dialListener(emu, "ecs-core", t);
  expect(r.ws).toBeDefined();
  r.ws!.close();
});

test("unknown routes and methods, bad JSON, unknown faults", async () => {
  expect((await emulatorAdmin(emu, "GET", "nope")).status).toBe(404);
  expect((await emulatorAdmin(emu, "PUT", "stats")).status).toBe(405);
  expect((await emulatorAdmin(emu, "POST", "faults/meteor", {})).status).toBe(404);
  expect((await emulatorAdmin(emu, "POST", "faults/drop-listeners", { hybridConnection: "ghost" })).status).toBe(404);
  expect((await emulatorAdmin(emu, "POST", "faults/drop-listeners", { hybridConnection: "ecs-core", code: 1006 })).status).toBe(400);
  expect((await emulatorAdmin(emu, "POST", "faults/drop-listeners", { hybridConnection: "ecs-core", code: 4000 })).body).toEqual({ dropped: 0 });
  const res = await send(emu, { method: "POST", path: "/$emulator/hybrid-connections", body: "{not json" });
  expect(res.status).toBe(400);
});

test("the admin API answers loopback peers only", () => {
  expect(["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.1.2.3"].every(isLoopback)).toBe(true);
  expect(["10.0.0.1", "::ffff:192.168.1.2", "", undefined].some(isLoopback)).toBe(false);
});

test("namespace from a JSON config: entities, rules with fixed keys, root rule added", async () => {
  const dir = mkdtempSync(join(tmpdir(), "emu-config-"));
  const file = join(dir, "ns.json");
  const key = Buffer.alloc(32, 7).toString("base64");
  writeFileSync(file, JSON.stringify({ hybridConnections: [{ name: "a", requiresClientAuthorization: false }, { name: "b" }], rules: [{ name: "b-send", rights: ["Send"], hybridConnection: "b", primaryKey: key }] }));
  const custom = await startTestEmulator({ config: loadConfigFile(file) });
  try {
    expect(custom.namespace.listHybridConnections().map((h) => [h.name, h.requiresClientAuthorization])).toEqual([["a", false], ["b", true]]);
    expect(custom.connectionStrings().map((c) => c.policy)).toEqual(["RootManageSharedAccessKey", "b-send"]);
    expect(custom.namespace.getKeys("b-send").primaryKey).toBe(key);
    expect(sendToken(custom, "b")).toContain("skn=b-send");
  } finally {
    await custom.stop();
  }
});

test("stop() is idempotent and concurrent-safe", async () => {
  const other = await startTestEmulator();
  await Promise.all([other.stop(), other.stop()]);
  await other.stop();
  await expect(send(other, { path: "/ecs-core/" })).rejects.toThrow(/ECONNREFUSED/);
});
