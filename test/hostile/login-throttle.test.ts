/**
 * Hostile sign-in: 300 rapid wrong tokens from one address get 10 answers of 401 and then only 429
 * with `Retry-After` (even when sent all at once); the right token from another address still works;
 * wrong GraphQL bearer tokens count against the same allowance; the global ceiling stops guessing
 * spread over many addresses. Client addresses are varied over loopback (127.0.0.x).
 */
import * as http from "node:http";
import * as path from "node:path";
import { handshake } from "../support/graphql-ws";
import { startTestHost, type TestHost } from "../support/host";

const FIXTURE = path.join(__dirname, "..", "host", "fixtures", "fixture-plugin");

interface Answer {
  status: number;
  retryAfter?: string;
  location?: string;
  /** `name=value` of a Set-Cookie, if any. */
  cookie?: string;
  body: string;
}

function post(host: TestHost, pathname: string, body: string, headers: Record<string, string>, localAddress = "127.0.0.1"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: host.port, path: pathname, method: "POST", localAddress, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"], location: res.headers.location,
          cookie: res.headers["set-cookie"]?.[0]?.split(";")[0], body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

const signIn = (host: TestHost, token: string, from?: string) =>
  post(host, "/login", new URLSearchParams({ token }).toString(), { "content-type": "application/x-www-form-urlencoded" }, from);

const bearer = (host: TestHost, token: string, from?: string, cookie?: string) =>
  post(host, "/graphql", JSON.stringify({ query: "{ fixtureWhoAmI }" }), { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...(cookie ? { cookie } : {}) }, from);

const statuses = (answers: Answer[]) => answers.reduce<Record<number, number>>((n, a) => ((n[a.status] = (n[a.status] ?? 0) + 1), n), {});

describe("sign-in throttling with the default limits (10 failures per address per minute)", () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [FIXTURE] });
  });
  afterAll(async () => {
    await host?.stop();
  });

  test("300 rapid wrong tokens: ten 401, then 429 with Retry-After; the right token from another address still signs in", async () => {
    const answers: Answer[] = [];
    for (let batch = 0; batch < 6; batch++) {
      // 50 at a time: the limit holds for concurrent tries (a try is reserved before its token is compared).
      answers.push(...(await Promise.all(Array.from({ length: 50 }, (_, i) => signIn(host, `wrong-${batch}-${i}`)))));
    }
    expect(statuses(answers)).toEqual({ 401: 10, 429: 290 });
    for (const refused of answers.filter((a) => a.status === 429)) {
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
      expect(refused.body).toContain("Too many failed sign-in attempts. Try again in");
      expect(refused.body).toContain("Access token"); // the form is still there
    }
    // This address is blocked for the window, whatever it presents (a right guess must not be confirmed).
    expect((await signIn(host, host.adminToken)).status).toBe(429);
    const elsewhere = await signIn(host, host.adminToken, "127.0.0.2");
    expect([elsewhere.status, elsewhere.location]).toEqual([303, "/settings/fixture"]);
  });

  test("successful sign-ins use none of the allowance", async () => {
    const from = "127.0.0.3";
    for (let i = 0; i < 30; i++) expect((await signIn(host, host.readerToken, from)).status).toBe(303);
    const wrong = [];
    for (let i = 0; i < 11; i++) wrong.push((await signIn(host, `nope-${i}`, from)).status);
    expect(wrong).toEqual([...Array(10).fill(401), 429]);
  });

  test("wrong GraphQL bearer tokens count too: 429 TOO_MANY_REQUESTS with Retry-After; sessions and other addresses unaffected", async () => {
    const from = "127.0.0.4";
    const cookie = (await signIn(host, host.adminToken, from)).cookie!; // signed in before the guessing starts
    const tries = await Promise.all(Array.from({ length: 40 }, (_, i) => bearer(host, `guess-${i}`, from)));
    expect(statuses(tries)).toEqual({ 200: 10, 429: 30 }); // a wrong bearer is anonymous: 200 with the plugin's own answer
    const refused = tries.find((a) => a.status === 429)!;
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused.body)).toMatchObject({ errors: [{ extensions: { code: "TOO_MANY_REQUESTS" } }] });
    expect((await bearer(host, host.adminToken, from)).status).toBe(429);
    expect(JSON.parse((await bearer(host, "", from, cookie)).body)).toEqual({ data: { fixtureWhoAmI: expect.stringMatching(/^session:/) } });
    expect(JSON.parse((await bearer(host, host.adminToken, "127.0.0.5")).body)).toEqual({ data: { fixtureWhoAmI: "token:admin" } });
  });
});

/** A graphql-ws handshake with `authorization` in connectionParams from `localAddress`: "ack" or the close code. */
async function wsHandshake(host: TestHost, authorization: string, localAddress: string): Promise<string | number> {
  const outcome = await handshake(host, { payload: { authorization }, localAddress });
  return outcome.acknowledged ? "ack" : outcome.code!;
}

describe("graphql-ws bearer tokens share the failed-token throttle", () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [FIXTURE] });
  });
  afterAll(async () => {
    await host?.stop();
  });

  test("ten wrong tokens close with 4401, then 4429 even for the right token; another address is admitted", async () => {
    const from = "127.0.0.6";
    const outcomes = [];
    for (let i = 0; i < 12; i++) outcomes.push(await wsHandshake(host, `Bearer guess-${i}`, from));
    expect(outcomes).toEqual([...Array(10).fill(4401), 4429, 4429]);
    expect(await wsHandshake(host, `Bearer ${host.adminToken}`, from)).toBe(4429);
    expect(await wsHandshake(host, `Bearer ${host.adminToken}`, "127.0.0.7")).toBe("ack");
  });
});

describe("global ceiling", () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [FIXTURE], env: { ECS_LOGIN_MAX_FAILURES_PER_ADDRESS: "5", ECS_LOGIN_MAX_FAILURES_GLOBAL: "12" } });
  });
  afterAll(async () => {
    await host?.stop();
  });

  test("failures spread over addresses stop at the global ceiling, for every address, with Retry-After", async () => {
    const answers: Answer[] = [];
    for (const from of ["127.0.1.1", "127.0.1.2", "127.0.1.3", "127.0.1.4"]) {
      for (let i = 0; i < 5; i++) answers.push(await signIn(host, `spread-${i}`, from));
    }
    expect(statuses(answers)).toEqual({ 401: 12, 429: 8 });
    const fresh = await signIn(host, host.adminToken, "127.0.1.9");
    expect(fresh.status).toBe(429);
    expect(Number(fresh.retryAfter)).toBeGreaterThanOrEqual(1);
  });
});
