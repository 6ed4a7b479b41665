/**
 * Hostile senders: request bodies over the control plane's limits (/graphql 1 MiB, /login and
 * system-operation forms 16 KiB) are answered 413 with `Connection: close`, written completely before
 * the server closes; never a reset, never a 5xx; the next request (new connection) is served.
 */
import * as http from "node:http";
import * as path from "node:path";
import { chunked, filler, rawExchange, type RawExchange } from "../support/raw-http";
import { startTestHost, type TestHost } from "../support/host";

const FIXTURE = path.join(__dirname, "..", "host", "fixtures", "fixture-plugin");
const MIB = 1024 * 1024;

let host: TestHost;
let cookie: string;
beforeAll(async () => {
  host = await startTestHost({ pluginDirs: [FIXTURE] });
  cookie = await host.signIn();
});
afterAll(async () => {
  await host?.stop();
});

function head(method: string, pathname: string, headers: Record<string, string | number>): string {
  const lines = Object.entries({ Host: `127.0.0.1:${host.port}`, Connection: "keep-alive", ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `${method} ${pathname} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`;
}

/** The exchange answered one complete 413 (JSON saying the limit), asked to close, and closed without a reset. */
function expectRefused(r: RawExchange, limit: number): void {
  expect(r.responses.map((response) => response.status)).toEqual([413]);
  const [response] = r.responses;
  expect(response.headers.connection).toBe("close");
  expect(response.body.length).toBe(Number(response.headers["content-length"]));
  expect(JSON.stringify(JSON.parse(response.body))).toMatch(/too large/i);
  if (limit !== MIB) expect(JSON.parse(response.body)).toEqual({ error: `request body too large (limit ${limit} bytes)`, code: "PAYLOAD_TOO_LARGE" });
  expect(r.serverClosed).toBe(true);
  expect(r.reset).toBe(false);
}

async function expectHealthy(): Promise<void> {
  const health = await rawExchange(host.port, head("GET", "/healthz", { Connection: "close" }));
  expect(health.responses.map((response) => response.status)).toEqual([200]);
}

const json = { "Content-Type": "application/json", Authorization: `Bearer ` };
const form = { "Content-Type": "application/x-www-form-urlencoded" };

describe("over-limit bodies on a keep-alive connection", () => {
  test("/graphql, declared Content-Length of 3 MiB: 413 written before the close", async () => {
    const r = await rawExchange(host.port, head("POST", "/graphql", { ...json, Authorization: `Bearer ${host.adminToken}`, "Content-Length": 3 * MIB }), filler(48));
    expectRefused(r, MIB);
    await expectHealthy();
  });

  test("/graphql, chunked body growing past 1 MiB: 413 once the count passes the limit", async () => {
    const r = await rawExchange(host.port, head("POST", "/graphql", { ...json, Authorization: `Bearer ${host.adminToken}`, "Transfer-Encoding": "chunked" }), chunked(filler(40)));
    expectRefused(r, MIB);
    await expectHealthy();
  });

  test("/login, 17 KiB form (declared and chunked)", async () => {
    expectRefused(await rawExchange(host.port, head("POST", "/login", { ...form, "Content-Length": 17 * 1024 }), filler(17, 1024)), 16 * 1024);
    expectRefused(await rawExchange(host.port, head("POST", "/login", { ...form, "Transfer-Encoding": "chunked" }), chunked(filler(40, 1024))), 16 * 1024);
    await expectHealthy();
  });

  test("system operation form over 16 KiB, signed in: 413, and the operation does not run", async () => {
    const pathname = "/settings/system-operations/fixture.ping";
    const r = await rawExchange(host.port, head("POST", pathname, { ...form, Cookie: cookie, "Transfer-Encoding": "chunked" }), chunked(filler(64, 1024)));
    expectRefused(r, 16 * 1024);
    await expectHealthy();
  });

  test("lying Content-Length: 3 MiB declared, 10 bytes sent, then silence: 413 at once (no wait for the rest)", async () => {
    const r = await rawExchange(host.port, head("POST", "/graphql", { ...json, "Content-Length": 3 * MIB }), [Buffer.from('{"query":"')]);
    expectRefused(r, MIB);
  });

  test("lying Content-Length: 20 bytes declared, 2 MiB sent: the surplus is never read as a body; 400/401, no 5xx", async () => {
    const r = await rawExchange(host.port, head("POST", "/login", { ...form, "Content-Length": 20 }), filler(32));
    // The surplus parses as a garbage second request: Node's parser answers 400 and closes (it may do so
    // before the first request's 401 is written). What matters: an answer, and never a 5xx.
    expect(r.responses.length).toBeGreaterThanOrEqual(1);
    for (const response of r.responses) expect([400, 401]).toContain(response.status);
    await expectHealthy();
  });

  test("http.Agent with keepAlive: the 413 arrives as a response, and the agent's next request is served", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = await agentRequest(agent, "/graphql", Buffer.alloc(2 * MIB, "a"), { "content-type": "application/json" });
      expect([big.status, big.connection]).toEqual([413, "close"]);
      const next = await agentRequest(agent, "/graphql", Buffer.from(JSON.stringify({ query: "{ __typename }" })), {
        "content-type": "application/json",
        authorization: `Bearer ${host.adminToken}`,
      });
      expect([next.status, next.body]).toEqual([200, '{"data":{"__typename":"Query"}}\n']);
    } finally {
      agent.destroy();
    }
  });
});

function agentRequest(agent: http.Agent, pathname: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; connection?: string; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request({ host: "127.0.0.1", port: host.port, path: pathname, method: "POST", agent, headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: Buffer.concat(chunks).toString() }));
    });
    // Writing the rest of a refused body may fail once the server has closed; the response already counts.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    req.end(body);
  });
}
