/** The supervised listener through real faults: drops, bad keys, rotation under load, removal mid-request, cache clear, events. */
import { join } from "node:path";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { emulatorAdmin } from "../support/emulator";
import { eventually, waitUntil } from "../support/eventually";
import { REPO_ROOT } from "../support/host";
import { startRelayStack, type RelayStack } from "../support/stack";
import type { RelayStatusChangedV1 } from "../../server/plugin";

let stack: RelayStack;
const UPDATE = `mutation($id: ID!, $input: UpdateRelayRegistrationInput!) { updateRelayRegistration(id: $id, input: $input) { keyName keyFingerprint } }`;
const statusOf = async (id: string) =>
  (await stack.host.gql<{ relayRegistration: { keyName: string; keyFingerprint: string; status: { state: string; lastError: { code: string; advice: string; params: Record<string, unknown> } | null } } }>(
    `query($id: ID!) { relayRegistration(id: $id) { keyName keyFingerprint status { state lastError { code advice params } } } }`,
    { id },
  )).body.data!.relayRegistration;

const requestsOf = async (id: string) =>
  (await stack.host.gql<{ relayRegistration: { traffic: { requests: number } } }>(`query($id: ID!) { relayRegistration(id: $id) { traffic { requests } } }`, { id }))
    .body.data!.relayRegistration.traffic.requests;
/** Tracking ids of the control channels the emulator has open for a hybrid connection. */
const listenerIds = async (hybridConnection = "ecs-core"): Promise<string[]> =>
  ((await emulatorAdmin(stack.emulator, "GET", "listeners")).body as Record<string, string[]>)[hybridConnection] ?? [];

/** Sends requests back to back until stopped; counts anything but a 200. `counts` is live. */
function steadyStream(path = "/api/materials/1"): { counts: { ok: number; failed: number }; stop(): Promise<{ ok: number; failed: number }> } {
  let running = true;
  const counts = { ok: 0, failed: 0 };
  const loop = (async () => {
    while (running) {
      const res = await stack.sendThroughRelay(path).catch(() => ({ status: 0 }));
      if (res.status === 200) counts.ok++;
      else counts.failed++;
    }
  })();
  return { counts, stop: async () => { running = false; await loop; return counts; } };
}

beforeAll(async () => {
  stack = await startRelayStack({ pluginDirs: [REPO_ROOT, join(__dirname, "fixtures/status-watcher")] });
});
afterAll(async () => stack?.stop());

describe("one registration through faults", () => {
  let id: string;

  test("the subscription delivers ONLINE after an add", async () => {
    const cookie = await stack.host.signIn();
    const client = createClient({ url: stack.host.url.replace("http", "ws") + "/graphql", webSocketImpl: class extends WebSocket { constructor(url: string, protocols: string[]) { super(url, protocols, { headers: { cookie } }); } }, lazy: true, retryAttempts: 0 });
    const connected = new Promise<void>((resolve) => client.on("connected", () => resolve()));
    const states: string[] = [];
    const online = new Promise<void>((resolve, reject) => {
      client.subscribe<{ relayStatusChanged: { registrationId: string; status: { state: string } } }>(
        { query: "subscription { relayStatusChanged { registrationId status { state } } }" },
        { next: ({ data }) => { states.push(data!.relayStatusChanged.status.state); if (data!.relayStatusChanged.status.state === "ONLINE") resolve(); }, error: reject, complete: () => undefined },
      );
    });
    await connected; // acknowledged: the subscribe message follows on the same socket, ahead of the add
    id = await stack.addRegistration();
    await online;
    expect(states).toEqual(expect.arrayContaining(["CONNECTING", "ONLINE"]));
    await client.dispose();
  });

  test("a relay drop goes RECONNECTING → ONLINE and serves again", async () => {
    const seenBefore = await watcherEvents();
    await emulatorAdmin(stack.emulator, "POST", "/$emulator/faults/drop-listeners", { hybridConnection: "ecs-core", code: 1011 });
    const states = await waitForEvents((events) => events.slice(seenBefore.length).map((e) => e.state), (s) => s.includes("RECONNECTING") && s.at(-1) === "ONLINE");
    expect(states.indexOf("RECONNECTING")).toBeLessThan(states.lastIndexOf("ONLINE"));
    expect((await stack.sendThroughRelay("/api/materials/2")).status).toBe(200);
  });

  test("the example plugin received the status events over the host event bus", async () => {
    const events = await watcherEvents();
    expect(events.filter((e) => e.registrationId === id).map((e) => e.state)).toEqual(expect.arrayContaining(["CONNECTING", "ONLINE", "RECONNECTING"]));
    const mine = events.filter((e) => e.registrationId === id);
    expect(mine[0]).toMatchObject({ state: "CONNECTING", previousState: null, since: expect.any(String) });
    expect(mine[1]).toMatchObject({ state: "ONLINE", previousState: "CONNECTING" });
  });

  test("key rotation under a steady request stream: zero failed requests", async () => {
    const before = await statusOf(id);
    const stream = steadyStream();
    // Hundreds of requests on each side of the swap, so "zero failed" covers the old listener, the overlap and the new one.
    await waitUntil("100 requests before the rotation", () => stream.counts.ok + stream.counts.failed >= 100, 30_000);
    const { body } = await stack.host.gql(UPDATE, { id, input: { connectionString: stack.rootConnectionString } });
    const atSwap = stream.counts.ok + stream.counts.failed;
    await waitUntil("300 requests after the rotation", () => stream.counts.ok + stream.counts.failed >= atSwap + 300, 60_000);
    const counts = await stream.stop();
    expect(body.errors).toBeUndefined();
    expect(counts).toEqual({ ok: expect.any(Number), failed: 0 });
    expect(counts.ok).toBeGreaterThanOrEqual(400);
    const after = await statusOf(id);
    expect(after).toMatchObject({ keyName: "RootManageSharedAccessKey", status: { state: "ONLINE" } });
    expect(after.keyFingerprint).not.toBe(before.keyFingerprint);
  });

  test("a rotation to a key the relay refuses keeps the old listener serving and the old key stored", async () => {
    const before = await statusOf(id);
    const wrong = stack.rootConnectionString.replace(/SharedAccessKey=[^;]+/, `SharedAccessKey=${Buffer.alloc(32, 7).toString("base64")}`);
    const stream = steadyStream();
    const { body } = await stack.host.gql(UPDATE, { id, input: { connectionString: wrong } });
    const counts = await stream.stop();
    expect(body.errors?.[0].extensions?.code).toBe("RELAY_REFUSED");
    expect(body.errors?.[0].message).toMatch(/key/i);
    expect(counts.failed).toBe(0);
    expect(await statusOf(id)).toMatchObject({ keyFingerprint: before.keyFingerprint, status: { state: "ONLINE" } });
  });

  test("clearConsumerWebsiteCaches clears the caches, restarts the listener and reports it", async () => {
    const before = await listenerIds();
    expect(before).toHaveLength(1);
    const { body } = await stack.host.gql<{ clearConsumerWebsiteCaches: any }>(
      "mutation { clearConsumerWebsiteCaches { durationMs caches { name entriesCleared } listeners { registrationId name restarted } } }",
    );
    const report = body.data!.clearConsumerWebsiteCaches;
    expect(report.caches.length).toBeGreaterThan(0);
    expect(report.listeners).toEqual([{ registrationId: id, name: "ecs-core", restarted: true }]);
    expect(report.durationMs).toBeGreaterThanOrEqual(0);
    // Restarted for real: the relay sees one listener again, on a new connection (a restart that did nothing keeps the old one).
    expect(await eventually(async () => {
      const now = await listenerIds();
      return now.length === 1 && now[0] !== before[0];
    }, 10_000)).toBe(true);
    await stack.waitForState(id, "ONLINE");
    expect((await stack.sendThroughRelay("/api/materials/3")).status).toBe(200);
  });

  test("removing while a slow request is in flight lets it complete", async () => {
    const requestsBefore = await requestsOf(id);
    const slow = stack.sendThroughRelay("/slow?ms=3000");
    // The listener has taken the request (its traffic counts it; reported about once a second).
    await waitUntil("the slow request reached the listener", async () => (await requestsOf(id)) > requestsBefore, 10_000);
    const { body } = await stack.host.gql(`mutation($id: ID!) { removeRelayRegistration(id: $id) }`, { id });
    expect(body.errors).toBeUndefined();
    expect((await slow).status).toBe(200);
  });
});

describe("registrations the relay refuses", () => {
  test("a wrong key → UNAUTHORIZED with advice", async () => {
    await emulatorAdmin(stack.emulator, "POST", "/$emulator/hybrid-connections", { name: "wrong-key" });
    const wrong = stack.listenConnectionString.replace(/SharedAccessKey=[^;]+/, `SharedAccessKey=${Buffer.alloc(32, 1).toString("base64")}`);
    const id = await stack.addRegistration({ connectionString: wrong, hybridConnectionName: "wrong-key" });
    await stack.waitForState(id, "UNAUTHORIZED");
    expect((await statusOf(id)).status.lastError?.advice).toMatch(/key/i);
    expect((await statusOf(id)).status.lastError?.params).toEqual({}); // never null: {} when the texts need no values
  });

  test("a send-only key → UNAUTHORIZED saying it lacks Listen", async () => {
    await emulatorAdmin(stack.emulator, "POST", "/$emulator/hybrid-connections", { name: "send-only" });
    const id = await stack.addRegistration({ connectionString: stack.sendConnectionString, hybridConnectionName: "send-only" });
    await stack.waitForState(id, "UNAUTHORIZED");
    expect((await statusOf(id)).status.lastError?.advice).toMatch(/Listen/);
  });

  test("an unknown hybrid connection → NOT_FOUND with advice", async () => {
    const id = await stack.addRegistration({ hybridConnectionName: "does-not-exist" });
    await stack.waitForState(id, "NOT_FOUND");
    expect((await statusOf(id)).status.lastError?.advice).toMatch(/hybrid connection/i);
  });
});

async function watcherEvents(): Promise<RelayStatusChangedV1[]> {
  return (await stack.host.services.forPlugin("status-watcher").store.get<RelayStatusChangedV1[]>("seen")) ?? [];
}

/** Polls the example plugin's store until `done(view(events))`; returns that view. */
async function waitForEvents<T>(view: (events: RelayStatusChangedV1[]) => T, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  let value!: T;
  await eventually(async () => done((value = view(await watcherEvents()))), timeoutMs, 50);
  return value;
}

describe("a short token lifetime (ECS_PLUGIN_AZURE_RELAY_TOKENLIFETIMESECONDS=2)", () => {
  let short: RelayStack;
  beforeAll(async () => {
    short = await startRelayStack({ hostEnv: { ECS_PLUGIN_AZURE_RELAY_TOKENLIFETIMESECONDS: "2" } });
  });
  afterAll(async () => short?.stop());

  test("the listener renews its token: it stays ONLINE on one connection and serves across several expiries", async () => {
    const id = await short.addRegistration();
    await short.waitForState(id, "ONLINE");
    const ids = async () => ((await emulatorAdmin(short.emulator, "GET", "listeners")).body as Record<string, string[]>)["ecs-core"] ?? [];
    const status = async () =>
      (await short.host.gql<{ relayRegistration: { status: { state: string; since: string } } }>(`query($id: ID!) { relayRegistration(id: $id) { status { state since } } }`, { id }))
        .body.data!.relayRegistration.status;
    const [connectionBefore, statusBefore] = [await ids(), await status()];
    // The emulator closes a channel (1008) a second after its token's expiry: only time passing shows the renewal.
    await new Promise((r) => setTimeout(r, 6_000));
    expect((await short.sendThroughRelay("/api/materials/4")).status).toBe(200);
    expect(await status()).toEqual(statusBefore); // ONLINE since the same moment: never dropped in between
    expect(await ids()).toEqual(connectionBefore);
  }, 30_000);
});
