/**
 * The request journal through the plugin's API, end to end: the reference host with the plugin, the emulator and a
 * real target. relayRequests never shows a credential, cookie, key or `sig=` value in any field (query strings
 * included); the ring keeps the configured size; the live tail arrives over graphql-ws for a reader and not for an
 * anonymous caller; replay reaches only the target (the relay sees no new request), needs the write permission and
 * refuses what was not recorded; /metrics' histogram and status classes move with traffic; the traffic series counts.
 */
import { request } from "node:http";
import { emulatorAdmin } from "../../support/emulator";
import { waitUntil } from "../../support/eventually";
import { firstResult, wsClient } from "../../support/graphql-ws";
import { parsePrometheusText, type PromSample } from "../../support/prometheus-text";
import { startRelayStack, type RelayStack } from "../../support/stack";
import { startTestTarget, type TestTarget } from "../../support/target";

const SECRETS = ["Bearer-top-secret-1", "cookie-secret-2", "api-key-secret-3", "SIGSECRET4", "KEYSECRET5", "queryvalue6"];
const ENTRY = `id at hostId method path status durationMs bytesIn bytesOut senderAddress trackingId outcome replayable
  headers { name value } responseHeaders { name value } body { size text binary truncated } responseBody { size text binary truncated }`;

let stack: RelayStack;
let target: TestTarget;
let id: string;

beforeAll(async () => {
  stack = await startRelayStack({ hostEnv: { ECS_PLUGIN_AZURE_RELAY_JOURNALREDACTHEADERS: "X-Api-Key" } });
  target = await startTestTarget("/");
  id = await stack.addRegistration({ name: "Journal API", targetUrl: target.url, targetHealth: { enabled: false } });
  await stack.waitForState(id, "ONLINE");
}, 30_000);

afterAll(async () => {
  await stack?.stop();
  await target?.close();
});

interface Entry {
  id: string;
  method: string;
  path: string;
  status: number | null;
  outcome: string;
  replayable: boolean;
  headers: Array<{ name: string; value: string }>;
}

async function entries(filter?: Record<string, unknown>): Promise<Entry[]> {
  const { body } = await stack.host.gql<{ relayRequests: Entry[] }>(`query($id: ID!, $f: RelayRequestFilter) { relayRequests(registrationId: $id, filter: $f) { ${ENTRY} } }`, { id, f: filter });
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.relayRequests;
}

async function entryFor(path: string): Promise<Entry> {
  let found: Entry | undefined;
  await waitUntil(`a journal entry for ${path}`, async () => Boolean((found = (await entries()).find((e) => e.path === path))));
  return found!;
}

async function relayedCount(): Promise<number> {
  const stats = await emulatorAdmin(stack.emulator, "GET", "stats");
  return (stats.body as { hybridConnections: Record<string, { requests: number }> }).hybridConnections["ecs-core"]!.requests;
}

test("relayRequests shows each request with no credential, cookie, key or sig value in any field, query values redacted", async () => {
  const headers = {
    Authorization: `Bearer ${SECRETS[0]}`,
    Cookie: `session=${SECRETS[1]}`,
    "X-Api-Key": SECRETS[2],
    "X-Signed": `https://x.blob.core.windows.net/c?sv=2020&sig=${SECRETS[3]}`,
    "X-Conn": `Endpoint=sb://x/;SharedAccessKeyName=root;SharedAccessKey=${SECRETS[4]}`,
    "X-Trace": "trace-1",
  };
  expect((await stack.sendThroughRelay(`/cookies?user=${SECRETS[5]}&sig=${SECRETS[3]}&se=2030`, { headers })).status).toBe(200);
  const entry = await entryFor("/cookies?user=REDACTED&sig=REDACTED&se=REDACTED");
  const { body } = await stack.host.gql(`query($id: ID!) { relayRequests(registrationId: $id) { ${ENTRY} } }`, { id });
  const text = JSON.stringify(body);
  for (const secret of [...SECRETS, "SharedAccessSignature"]) expect(text).not.toContain(secret);
  expect(entry).toMatchObject({ method: "GET", status: 200, outcome: "FORWARDED", replayable: false });
  const names = entry.headers.map((h) => h.name);
  expect(names).toContain("x-trace");
  for (const hidden of ["authorization", "cookie", "x-api-key", "servicebusauthorization"]) expect(names).not.toContain(hidden);
});

test("the ring keeps the registration's journal size, newest first; filters narrow it", async () => {
  const update = `mutation($id: ID!, $input: UpdateRelayRegistrationInput!) { updateRelayRegistration(id: $id, input: $input) { journal { size recordBodies } } }`;
  const tooBig = await stack.host.gql(update, { id, input: { journal: { size: 6000 } } });
  expect(tooBig.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "journal.size" });
  expect((await stack.host.gql(update, { id, input: { journal: { size: 3 } } })).body.data).toEqual({ updateRelayRegistration: { journal: { size: 3, recordBodies: false } } });
  for (let i = 0; i < 5; i++) expect((await stack.sendThroughRelay(`/echo/ring-${i}`)).status).toBe(200);
  await entryFor("/echo/ring-4");
  expect((await entries()).map((e) => e.path)).toEqual(["/echo/ring-4", "/echo/ring-3", "/echo/ring-2"]);
  expect((await entries({ limit: 1 })).map((e) => e.path)).toEqual(["/echo/ring-4"]);
  expect((await entries({ pathContains: "RING-3" })).map((e) => e.path)).toEqual(["/echo/ring-3"]);
  expect(await entries({ outcome: "BAD_GATEWAY" })).toEqual([]);
  expect((await entries({ statusClass: 2, method: "get" })).length).toBe(3);
  await stack.host.gql(update, { id, input: { journal: { size: 200 } } });
});

test("the live tail arrives over graphql-ws for a reader, and not for an anonymous caller", async () => {
  const subscription = `subscription($id: ID!) { relayRequestRecorded(registrationId: $id) { path outcome status } }`;
  const anonymous = await firstResult(wsClient(stack.host), subscription, { id });
  expect(anonymous.data ?? null).toBeNull();
  const reader = wsClient(stack.host, `Bearer ${stack.host.readerToken}`);
  try {
    const next = firstResult<{ relayRequestRecorded: { path: string } }>(reader, subscription, { id });
    // The subscription is live once the server has it; keep sending until the tail shows one.
    let received: Awaited<typeof next> | undefined;
    void next.then((r) => (received = r));
    await waitUntil("the live tail delivered an entry", async () => {
      await stack.sendThroughRelay("/echo/tail");
      return received !== undefined;
    });
    expect(received!.data?.relayRequestRecorded).toEqual({ path: "/echo/tail", outcome: "FORWARDED", status: 200 });
  } finally {
    await reader.dispose();
  }
});

test("replay goes only to the target, needs write permission, and refuses what was not recorded", async () => {
  const replay = `mutation($id: ID!, $r: ID!) { replayRelayRequest(registrationId: $id, requestId: $r) { ok status durationMs problem { code message advice } } }`;
  expect((await stack.sendThroughRelay("/echo/replay-me", { headers: { "X-Trace": "original" } })).status).toBe(200);
  const entry = await entryFor("/echo/replay-me");
  expect(entry.replayable).toBe(true);

  const forbidden = await stack.host.gql(replay, { id, r: entry.id }, { token: stack.host.readerToken });
  expect(forbidden.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

  const relayedBefore = await relayedCount();
  const seenBefore = target.requests.length;
  const { body } = await stack.host.gql<{ replayRelayRequest: { ok: boolean; status: number; problem: unknown } }>(replay, { id, r: entry.id });
  expect(body.data?.replayRelayRequest).toMatchObject({ ok: true, status: 200, problem: null });
  const replayed = target.requests.slice(seenBefore).filter((r) => r.url === "/echo/replay-me");
  expect(replayed).toHaveLength(1);
  expect(replayed[0]!.headers["x-azure-relay-replay"]).toBe(entry.id);
  expect(replayed[0]!.headers["x-trace"]).toBe("original");
  expect(replayed[0]!.headers.authorization).toBeUndefined();
  expect(await relayedCount()).toBe(relayedBefore); // nothing went out through the relay

  // A path whose query values were redacted, and a body that was not recorded: refused, nothing sent.
  await stack.sendThroughRelay("/echo/q?x=1");
  await stack.sendThroughRelay("/hash", { method: "POST", body: "a body" });
  const seen = target.requests.length;
  const redacted = await stack.host.gql<{ replayRelayRequest: { ok: boolean; problem: { code: string } } }>(replay, { id, r: (await entryFor("/echo/q?x=REDACTED")).id });
  expect(redacted.body.data?.replayRelayRequest).toMatchObject({ ok: false, problem: { code: "REPLAY_QUERY_REDACTED" } });
  const bodyless = await stack.host.gql<{ replayRelayRequest: { ok: boolean; problem: { code: string } } }>(replay, { id, r: (await entryFor("/hash")).id });
  expect(bodyless.body.data?.replayRelayRequest).toMatchObject({ ok: false, problem: { code: "REPLAY_BODY_NOT_RECORDED" } });
  expect(target.requests.length).toBe(seen);

  const unknown = await stack.host.gql(replay, { id, r: "no-such-entry" });
  expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "requestId" });
});

function metrics(): Promise<PromSample[]> {
  return new Promise((resolve, reject) => {
    const req = request(`${stack.host.url}/metrics`, { headers: { authorization: `Bearer ${stack.host.readerToken}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(parsePrometheusText(Buffer.concat(chunks).toString("utf8")).samples));
    });
    req.on("error", reject);
    req.end();
  });
}

const valueOf = (samples: PromSample[], name: string, labels: Record<string, string>) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value ?? 0;

test("/metrics: the latency histogram and answers by status class move with traffic; labels stay bounded", async () => {
  const labels = { registration: "Journal API", registration_id: id };
  const before = await metrics();
  const countBefore = valueOf(before, "azure_relay_request_duration_seconds_count", labels);
  const ok = valueOf(before, "azure_relay_responses_total", { ...labels, status_class: "2xx" });
  const notFound = valueOf(before, "azure_relay_responses_total", { ...labels, status_class: "4xx" });
  await stack.sendThroughRelay("/echo/m1");
  await stack.sendThroughRelay("/status/404");
  let after: PromSample[] = [];
  await waitUntil("the histogram counted both", async () => valueOf((after = await metrics()), "azure_relay_request_duration_seconds_count", labels) >= countBefore + 2);
  expect(valueOf(after, "azure_relay_responses_total", { ...labels, status_class: "2xx" })).toBeGreaterThanOrEqual(ok + 1);
  expect(valueOf(after, "azure_relay_responses_total", { ...labels, status_class: "4xx" })).toBeGreaterThanOrEqual(notFound + 1);
  expect(valueOf(after, "azure_relay_request_duration_seconds_bucket", { ...labels, le: "+Inf" })).toBe(valueOf(after, "azure_relay_request_duration_seconds_count", labels));
  expect(valueOf(after, "azure_relay_request_duration_seconds_sum", labels)).toBeGreaterThan(0);
  const buckets = after.filter((s) => s.name === "azure_relay_request_duration_seconds_bucket" && s.labels.registration_id === id);
  expect(buckets).toHaveLength(16); // 15 bounds + Inf: paths, clients and statuses never add series
  for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.value).toBeGreaterThanOrEqual(buckets[i - 1]!.value);
  expect(after.filter((s) => s.name === "azure_relay_responses_total" && s.labels.registration_id === id)).toHaveLength(6);
  expect(after.some((s) => s.name === "azure_relay_token_renewals_total" && s.labels.registration_id === id)).toBe(true);
  expect(after.some((s) => s.name === "azure_relay_latency_ms")).toBe(false); // replaced by the histogram
});

test("relayTrafficSeries: one point per minute, oldest first, counting this minute's requests and errors", async () => {
  const series = `query($id: ID!, $m: Int) { relayTrafficSeries(registrationId: $id, minutes: $m) { at requests errors p50Ms p95Ms } }`;
  await stack.sendThroughRelay("/status/500");
  type Point = { at: string; requests: number; errors: number; p50Ms: number | null; p95Ms: number | null };
  let points: Point[] = [];
  await waitUntil("the series has an error", async () => {
    points = ((await stack.host.gql<{ relayTrafficSeries: Point[] }>(series, { id, m: 5 })).body.data?.relayTrafficSeries ?? []);
    return points.reduce((n, p) => n + p.errors, 0) >= 1;
  });
  expect(points).toHaveLength(5);
  for (let i = 1; i < points.length; i++) expect(Date.parse(points[i]!.at) - Date.parse(points[i - 1]!.at)).toBe(60_000);
  const busy = points.filter((p) => p.requests > 0);
  expect(busy.length).toBeGreaterThan(0);
  for (const p of busy) expect(p.p95Ms!).toBeGreaterThanOrEqual(p.p50Ms!);
  const wrong = await stack.host.gql(series, { id, m: 61 });
  expect(wrong.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "minutes" });
});
