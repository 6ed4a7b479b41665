/** graphql-ws on the same port and path as Apollo: heartbeat ticks, caller from connectionParams, clean close at stop. */
import * as path from "node:path";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { startTestHost, type TestHost } from "../support/host";

const FIXTURE = path.join(__dirname, "fixtures/fixture-plugin");

function client(host: TestHost, authorization?: string, headers?: Record<string, string>): Client {
  // ws (unlike a browser) lets a test send the Cookie and Origin headers a browser would.
  class WithHeaders extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  return createClient({
    url: `${host.url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: headers ? WithHeaders : WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

async function first<T>(c: Client, query: string): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  const iterator = c.iterate<T>({ query });
  try {
    const next = await iterator.next();
    return next.value as never;
  } catch (error) {
    // graphql-ws rejects with the error array for operation-level errors
    return { errors: error as never };
  } finally {
    await iterator.return?.();
  }
}

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
    const outcome = await first(anon, "subscription { heartbeat }").catch((error: unknown) => ({ errors: error as never }));
    await anon.dispose();
    expect(outcome.data).toBeUndefined();
    expect(closeCodeOf(outcome.errors)).toBe(4401);
  });
});

/** What a raw graphql-transport-ws handshake came to: acknowledged, or closed with a code before. */
interface Handshake {
  acknowledged: boolean;
  code?: number;
  reason?: string;
  messages: unknown[];
}

function handshake(host: TestHost, opts: { headers?: Record<string, string>; payload?: unknown; first?: unknown[] }): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${host.url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws", { headers: opts.headers });
    const messages: unknown[] = [];
    socket.on("open", () => {
      for (const message of opts.first ?? []) socket.send(JSON.stringify(message));
      socket.send(JSON.stringify(opts.payload === undefined ? { type: "connection_init" } : { type: "connection_init", payload: opts.payload }));
    });
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { type: string };
      if (message.type === "connection_ack") {
        socket.close(1000);
        return resolve({ acknowledged: true, messages });
      }
      messages.push(message);
    });
    socket.on("close", (code, reason) => resolve({ acknowledged: false, code, reason: String(reason), messages }));
    socket.on("error", reject);
  });
}

/** graphql-ws rejects an iteration with the CloseEvent when the socket closes before the operation ends. */
function closeCodeOf(error: unknown): number | undefined {
  return (error as { code?: number } | undefined)?.code;
}
