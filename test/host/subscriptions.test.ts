/** graphql-ws on the same port and path as Apollo: who may connect (4401, 4403), heartbeat ticks, caller from connectionParams, clean close at stop. */
import * as path from "node:path";
import type { Client } from "graphql-ws";
import { firstResult, handshake, wsClient } from "../support/graphql-ws";
import { emulatorAdmin } from "../support/emulator";
import { startTestHost, type TestHost } from "../support/host";
import { startRelayStack, type RelayStack } from "../support/stack";

const FIXTURE = path.join(__dirname, "fixtures/fixture-plugin");

const client = wsClient;
const first = firstResult;

describe("GraphQL subscriptions (graphql-ws)", () => {
  let host: TestHost;
  const clients: Client[] = [];
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [FIXTURE], heartbeatMs: 100 });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await host?.stop();
  });

  it("delivers heartbeat ticks to a caller with a bearer token in connectionParams", async () => {
    const c = client(host, `Bearer ${host.readerToken}`);
    clients.push(c);
    const iterator = c.iterate<{ heartbeat: string }>({ query: "subscription { heartbeat }" });
    const ticks: string[] = [];
    for await (const result of iterator) {
      ticks.push(result.data!.heartbeat);
      if (ticks.length === 2) break;
    }
    expect(ticks).toHaveLength(2);
    for (const tick of ticks) expect(Number.isNaN(Date.parse(tick))).toBe(false);
  });

  it("runs queries over the socket with the caller of connection_init", async () => {
    const admin = client(host, host.adminToken);
    const reader = client(host, `Bearer ${host.readerToken}`);
    clients.push(admin, reader);
    expect(await first(admin, "{ fixtureWhoAmI }")).toEqual({ data: { fixtureWhoAmI: "token:admin" } });
    expect(await first(reader, "{ fixtureWhoAmI }")).toEqual({ data: { fixtureWhoAmI: "token:reader" } });
  });

  it("closes an anonymous connection at connection_init with 4401, before it can subscribe", async () => {
    const outcome = await handshake(host, { payload: {} });
    expect(outcome).toMatchObject({ acknowledged: false, code: 4401 });
    // A wrong token is no better than none, and never falls back to a cookie.
    const cookie = await host.signIn(host.readerToken);
    expect(await handshake(host, { payload: { authorization: "Bearer not-a-token" }, headers: { cookie, origin: host.url } })).toMatchObject({ acknowledged: false, code: 4401 });
  });

  it("reads no document before connection_init is authorised: a subscribe first closes the socket with 4401", async () => {
    // A document that would fail to parse: had it been parsed, the answer would be a syntax error message.
    const outcome = await handshake(host, { first: [{ type: "subscribe", id: "1", payload: { query: "subscription { heartbeat" } }], payload: undefined });
    expect(outcome).toMatchObject({ acknowledged: false, code: 4401 });
    expect(outcome.messages).toEqual([]);
  });

  it("accepts bearer connectionParams from a script that sends no Origin, and from a page of any origin", async () => {
    expect(await handshake(host, { payload: { authorization: host.readerToken } })).toMatchObject({ acknowledged: true });
    expect(await handshake(host, { payload: { authorization: `Bearer ${host.adminToken}` }, headers: { origin: "https://elsewhere.example" } })).toMatchObject({ acknowledged: true });
  });

  it("closes open subscriptions when the host stops", async () => {
    const own = await startTestHost({ pluginDirs: [FIXTURE], heartbeatMs: 50 });
    const c = client(own, own.adminToken);
    clients.push(c);
    const iterator = c.iterate<{ heartbeat: string }>({ query: "subscription { heartbeat }" });
    expect((await iterator.next()).done).toBe(false);
    await own.stop();
    const drained = (async () => {
      try {
        for await (const _ of iterator) void _;
      } catch {
        // the socket closed with 1001: also an end
      }
      return "ended";
    })();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(() => resolve("still open"), 3000)))]);
    clearTimeout(timer);
    expect(outcome).toBe("ended");
  });

  it("takes the caller from the session cookie of a same-origin upgrade, and refuses the cookie from any other origin (4403)", async () => {
    const cookie = await host.signIn(host.readerToken);
    const sameOrigin = client(host, undefined, { cookie, origin: host.url });
    clients.push(sameOrigin);
    expect(await first(sameOrigin, "{ fixtureWhoAmI }")).toEqual({ data: { fixtureWhoAmI: "session:reader" } });
    expect(await handshake(host, { headers: { cookie, origin: "https://evil.example" }, payload: {} })).toMatchObject({ acknowledged: false, code: 4403 });
    // A sandboxed iframe or a file: page sends `Origin: null`; it must not ride on the session either.
    expect(await handshake(host, { headers: { cookie, origin: "null" }, payload: {} })).toMatchObject({ acknowledged: false, code: 4403 });
    // Another port of the same machine is another origin.
    expect(await handshake(host, { headers: { cookie, origin: `http://127.0.0.1:${host.port + 1}` }, payload: {} })).toMatchObject({ acknowledged: false, code: 4403 });
    // Browsers always send Origin on a WebSocket: a handshake without one is a tool holding the cookie itself.
    expect(await handshake(host, { headers: { cookie }, payload: {} })).toMatchObject({ acknowledged: true });
  });
});

/** The heartbeat subscription over graphql-ws, refused the same way: no socket, no subscription. */
describe("host subscriptions refused before a document is read", () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [FIXTURE], heartbeatMs: 50 });
  });
  afterAll(async () => host?.stop());

  it("an anonymous heartbeat subscriber gets a 4401 close and no tick", async () => {
    const anon = client(host);
    const outcome = await first(anon, "subscription { heartbeat }");
    await anon.dispose();
    expect(outcome.data).toBeUndefined();
    expect(closeCodeOf(outcome.errors)).toBe(4401);
  });
});

/** graphql-ws rejects an iteration with the CloseEvent when the socket closes before the operation ends. */
function closeCodeOf(error: unknown): number | undefined {
  return (error as { code?: number } | undefined)?.code;
}

/**
 * relayStatusChanged of the real plugin over the whole stack (emulator, sample service, host). Readers hold
 * `azure-relay.registrations:read`, so they may subscribe; `registrationId` narrows what they get.
 */
describe("relayStatusChanged", () => {
  let stack: RelayStack;
  const open: Client[] = [];
  const STATUS = `subscription($id: ID) { relayStatusChanged(registrationId: $id) { registrationId status { state } } }`;
  beforeAll(async () => {
    stack = await startRelayStack();
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.dispose()));
    await stack?.stop();
  });

  it("is refused to an anonymous socket (4401), and to a session cookie from another origin or Origin: null (4403)", async () => {
    const anon = wsClient(stack.host);
    open.push(anon);
    const outcome = await firstResult(anon, STATUS);
    expect(outcome.data).toBeUndefined();
    expect(closeCodeOf(outcome.errors)).toBe(4401);
    const cookie = await stack.host.signIn(stack.host.readerToken);
    for (const origin of ["https://evil.example", "null"]) {
      const crossOrigin = wsClient(stack.host, undefined, { cookie, origin });
      open.push(crossOrigin);
      const refused = await firstResult(crossOrigin, STATUS);
      expect(refused.data).toBeUndefined();
      expect(closeCodeOf(refused.errors)).toBe(4403);
    }
  });

  it("gives a reader filtered to one registration that registration's changes only", async () => {
    const a = await stack.addRegistration();
    await stack.waitForState(a, "ONLINE");
    await emulatorAdmin(stack.emulator, "POST", "/$emulator/hybrid-connections", { name: "other-hc" });
    const cookie = await stack.host.signIn(stack.host.readerToken);
    const seenByFiltered = collect(wsClient(stack.host, undefined, { cookie, origin: stack.host.url }), { id: a });
    const seenByAll = collect(wsClient(stack.host, stack.host.readerToken), {});
    // A restart keeps the state ONLINE (no event); disabling publishes DISABLED, enabling CONNECTING and ONLINE.
    let enabled = true;
    const toggleA = async () => {
      enabled = !enabled;
      const { body } = await stack.host.gql(`mutation($id: ID!, $on: Boolean!) { updateRelayRegistration(id: $id, input: { enabled: $on }) { id } }`, { id: a, on: enabled });
      expect(body.errors).toBeUndefined();
    };
    // Subscriptions start asynchronously: change A until both readers have seen it, so both are live.
    await until(async () => {
      await toggleA();
      return seenByFiltered.events.length > 0 && seenByAll.events.some((e) => e.registrationId === a);
    });
    const b = await stack.addRegistration({ hybridConnectionName: "other-hc" });
    await until(async () => seenByAll.events.some((e) => e.registrationId === b && e.state === "ONLINE"));
    // One more change of A after B's: the filtered reader's stream has passed the point where B's events were published.
    const before = seenByFiltered.events.length;
    await until(async () => {
      await toggleA();
      return seenByFiltered.events.length > before;
    });
    expect(seenByFiltered.errors).toEqual([]);
    expect(new Set(seenByFiltered.events.map((e) => e.registrationId))).toEqual(new Set([a]));
    expect(new Set(seenByAll.events.map((e) => e.registrationId))).toEqual(new Set([a, b]));
  });

  function collect(client: Client, variables: Record<string, unknown>) {
    open.push(client);
    const seen = { events: [] as Array<{ registrationId: string; state: string }>, errors: [] as unknown[] };
    client.subscribe<{ relayStatusChanged: { registrationId: string; status: { state: string } } }>(
      { query: STATUS, variables },
      {
        next: ({ data, errors }) => {
          if (errors) seen.errors.push(...errors);
          if (data) seen.events.push({ registrationId: data.relayStatusChanged.registrationId, state: data.relayStatusChanged.status.state });
        },
        error: (error) => seen.errors.push(error),
        complete: () => undefined,
      },
    );
    return seen;
  }
});

/** Polls `condition` until true; fails after 15 s (a liveness bound, not a speed assertion). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
