/**
 * The diagnostics bundle end to end: registrations added with keys (a Listen key, the namespace's root key), a
 * webhook secret set, and a secret-shaped line in the host log; the bundle holds versions, settings, each
 * registration's status, history and journal entries and the host's recent log lines, and no key, connection string, token or
 * secret anywhere in its JSON. Readers may not fetch it.
 */
import { waitUntil } from "../../support/eventually";
import { startRelayStack, type RelayStack } from "../../support/stack";

const WEBHOOK_SECRET = "diagnostics-webhook-secret-0123456789";
const SENDER_SECRET = "sender-secret-value-9f8e7d6c5b4a";
let stack: RelayStack;

beforeAll(async () => {
  stack = await startRelayStack({
    hostEnv: { ECS_PLUGIN_AZURE_RELAY_STATUSWEBHOOK_URL: "http://127.0.0.1:9/hooks/T0001/B0002/tokenpart", ECS_PLUGIN_AZURE_RELAY_STATUSWEBHOOK_SECRET: WEBHOOK_SECRET },
  });
}, 30_000);

afterAll(async () => {
  await stack?.stop();
});

test("the bundle has versions, settings, registrations with status and history, host log lines — and no secret anywhere", async () => {
  const online = await stack.addRegistration({ name: "Shop API" });
  await stack.addRegistration({ name: "Root keyed", connectionString: stack.rootConnectionString, hybridConnectionName: "no-such-hc" });
  await stack.waitForState(online, "ONLINE");
  stack.host.services.logger.warn("a careless line", { note: `pasted ${stack.listenConnectionString}` });
  // A request with credentials in its headers and query lands in the journal (which redacts them itself).
  const relayed = await stack.sendThroughRelay(`/api/materials/7?sig=${encodeURIComponent(SENDER_SECRET)}&code=${SENDER_SECRET}`, {
    headers: { authorization: `Bearer ${SENDER_SECRET}`, cookie: `session=${SENDER_SECRET}`, "x-api-key": SENDER_SECRET },
  });
  expect(relayed.status).toBe(200);

  const { body } = await stack.host.gql<{ diagnostics: Record<string, unknown> }>(`{ diagnostics }`);
  expect(body.errors).toBeUndefined();
  const bundle = body.data!.diagnostics as {
    plugin: { id: string; version: string | null }; host: { hostId: string; contractVersion: string }; runtime: { node: string };
    settings: Record<string, string>; statusWebhook: { configured: boolean; url: string };
    registrations: Array<{ name: string; keyName: string; status: { state: string }; history: { changes: Array<{ state: string }> }; journal: unknown }>;
    hostLog: string[];
  };
  expect(bundle.plugin).toEqual({ id: "azure-relay", version: "0.1.0" });
  expect(bundle.host).toMatchObject({ hostId: "test-host", contractVersion: "2.2.0" });
  expect(bundle.runtime.node).toBe(process.version);
  expect(bundle.settings).toMatchObject({ "statusWebhook.secret": "(set)", "statusWebhook.url": "http://127.0.0.1:9/…" });
  expect(bundle.statusWebhook).toMatchObject({ configured: true, url: "http://127.0.0.1:9/…" });
  const shop = bundle.registrations.find((r) => r.name === "Shop API")!;
  expect(shop.status.state).toBe("ONLINE");
  expect(shop.history.changes.map((c) => c.state)).toContain("ONLINE");
  await waitUntil("the request is in the journal", async () => {
    const { body: again } = await stack.host.gql<{ diagnostics: typeof bundle }>(`{ diagnostics }`);
    const entries = again.data!.diagnostics.registrations.find((r) => r.name === "Shop API")!.journal as unknown[];
    return Array.isArray(entries) && entries.length > 0;
  });
  expect(bundle.hostLog.length).toBeGreaterThan(5);
  expect(bundle.hostLog.some((line) => line.includes("a careless line"))).toBe(true);

  const { body: withJournal } = await stack.host.gql<{ diagnostics: typeof bundle }>(`{ diagnostics }`);
  const entries = withJournal.data!.diagnostics.registrations.find((r) => r.name === "Shop API")!.journal as Array<{ path: string }>;
  expect(entries.length).toBeGreaterThan(0);
  expect(entries.length).toBeLessThanOrEqual(50);
  expect(entries.some((e) => e.path.startsWith("/api/materials/7"))).toBe(true);
  const text = JSON.stringify(withJournal.data!.diagnostics);
  const keys = stack.emulator.namespace.listRules().flatMap((r) => [r.primaryKey, r.secondaryKey]);
  const secrets = [...keys, stack.listenConnectionString, stack.rootConnectionString, stack.sendConnectionString, WEBHOOK_SECRET, stack.host.adminToken, stack.host.readerToken, "tokenpart", "B0002", SENDER_SECRET];
  for (const secret of secrets) expect([secret.slice(0, 12), text.includes(secret)]).toEqual([secret.slice(0, 12), false]);
  for (const key of keys) expect(text.includes(encodeURIComponent(key))).toBe(false);
  expect(text).not.toMatch(/SharedAccessKey=(?!\[REDACTED\])/);
  expect(text).not.toMatch(/SharedAccessSignature sr=/);
  expect(text).not.toMatch(/\bsig=(?!\[REDACTED\])/);
}, 30_000);

test("readers may not fetch the bundle (it holds host log lines)", async () => {
  const { body } = await stack.host.gql(`{ diagnostics }`, {}, { token: stack.host.readerToken });
  expect(body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
});
