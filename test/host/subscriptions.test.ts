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

  it("runs queries over the socket with the same caller rules (anonymous reaches plugin fields)", async () => {
    const anon = client(host);
    const admin = client(host, host.adminToken);
    clients.push(anon, admin);
    expect(await first(admin, "{ fixtureWhoAmI }")).toEqual({ data: { fixtureWhoAmI: "token:admin" } });
    const refused = await first(anon, "{ fixtureWhoAmI }");
    expect(refused.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const heartbeat = await first(anon, "subscription { heartbeat }");
    expect(heartbeat.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
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

  it("takes the caller from the session cookie of a same-origin upgrade, and ignores it cross-origin", async () => {
    const cookie = await host.signIn(host.readerToken);
    const sameOrigin = client(host, undefined, { cookie, origin: host.url });
    const crossOrigin = client(host, undefined, { cookie, origin: "https://evil.example" });
    clients.push(sameOrigin, crossOrigin);
    expect(await first(sameOrigin, "{ fixtureWhoAmI }")).toEqual({ data: { fixtureWhoAmI: "session:reader" } });
    expect((await first(crossOrigin, "{ fixtureWhoAmI }")).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});
