/**
 * The data plane's request journal records (request-journal-tap.ts), end to end on both engines: sender → emulator →
 * worker → local target. Each finished request becomes one redacted record in a `requests` batch: no credential
 * header, query value or SAS signature reaches it; the outcome says 413 / 502 / 504 / aborted; bodies only when the
 * listener records them; token renewals are counted. With the journal off, no batch is sent at all.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { headerLines } from "../../server/relay/journal-redaction";
import type { RelayEngineName, RequestRecord, WorkerEvent } from "../../server/relay/protocol";
import { startTestEmulator, type RelayEmulator } from "../support/emulator";
import { eventually } from "../support/eventually";
import { startTestTarget, type TestTarget } from "../support/target";
import { RecordingDataPlane, emulatorSpec, sendThroughRelay } from "./harness";

const SECRETS = ["Bearer-top-secret-1", "session=cookie-secret-2", "api-key-secret-3", "SIGSECRET4", "KEYSECRET5", "querysecret6"];

function recordsOf(dp: RecordingDataPlane, listenerId: string): RequestRecord[] {
  return dp.events.flatMap((e: WorkerEvent) => (e.type === "requests" ? e.batches.filter((b) => b.listenerId === listenerId).flatMap((b) => b.records) : []));
}

async function recordFor(dp: RecordingDataPlane, listenerId: string, match: (r: RequestRecord) => boolean): Promise<RequestRecord> {
  let found: RequestRecord | undefined;
  await eventually(() => Boolean((found = recordsOf(dp, listenerId).find(match))), 10_000);
  if (!found) throw new Error(`no record matched; saw ${JSON.stringify(recordsOf(dp, listenerId).map((r) => `${r.method} ${r.path} ${r.outcome}`))}`);
  return found;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each<RelayEngineName>(["native", "hyco-https"])("request journal records (%s engine)", (engine) => {
  let emu: RelayEmulator;
  let target: TestTarget;
  let dp: RecordingDataPlane;
  /** Listeners a test started and has not stopped: stopped after it, so the next test's requests reach only its own. */
  const running = new Set<string>();

  async function listen(overrides: Parameters<typeof emulatorSpec>[2] = {}, targetUrl = target.url): Promise<string> {
    const spec = emulatorSpec(emu, targetUrl, overrides);
    await dp.online(spec);
    running.add(spec.listenerId);
    return spec.listenerId;
  }

  async function stop(listenerId: string, drainMs?: number): Promise<void> {
    running.delete(listenerId);
    await dp.stopListener(listenerId, drainMs);
  }

  afterEach(async () => {
    for (const id of [...running]) await stop(id);
  });

  beforeAll(async () => {
    emu = await startTestEmulator();
    target = await startTestTarget("/");
    dp = new RecordingDataPlane(engine);
    await dp.plane.start();
    dp.plane.send({ type: "configure", options: { engine, maxBodyBytes: 1024, targetTimeoutMs: 400, journal: { redactHeaders: ["X-Api-Key"] } } });
  });

  afterAll(async () => {
    await dp.plane.stop(500);
    await target.close();
    await emu.stop();
  });

  it("records a forwarded request with no credential, cookie, key or sig value in any field, query values redacted", async () => {
    const id = await listen();
    const path = "/ecs-core/cookies?name=querysecret6&sig=SIGSECRET4&sb-hc-token=SharedAccessSignature%20sr%3Dx%26sig%3DSIGSECRET4";
    const headers = {
      authorization: `Bearer ${SECRETS[0]}`,
      cookie: SECRETS[1],
      "x-api-key": SECRETS[2],
      "x-note": `Endpoint=sb://x/;SharedAccessKeyName=k;SharedAccessKey=${SECRETS[4]}`,
      "x-trace": "kept-value",
    };
    const res = await sendThroughRelay(emu, path, { headers });
    expect(res.status).toBe(200);
    const record = await recordFor(dp, id, (r) => r.path.startsWith("/cookies"));
    const text = JSON.stringify(record);
    for (const secret of [...SECRETS, "sig=SIG", "SharedAccessSignature"]) expect(text).not.toContain(secret);
    expect(record).toMatchObject({ method: "GET", status: 200, outcome: "FORWARDED", bytesIn: 0, queryRedacted: true });
    // The relay itself drops sb-hc-token from what it hands over; were it passed on, its value would be REDACTED too.
    expect(record.path).toMatch(/^\/cookies\?name=REDACTED&sig=REDACTED(&sb-hc-token=REDACTED)?$/);
    expect(record.bytesOut).toBeGreaterThan(0);
    expect(record.durationMs).toBeGreaterThanOrEqual(0);
    expect(record.trackingId).toEqual(expect.any(String));
    const names = headerLines(record.headers).map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(["x-trace"]));
    for (const hidden of ["authorization", "cookie", "x-api-key", "servicebusauthorization"]) expect(names).not.toContain(hidden);
    expect(headerLines(record.headers).find(([n]) => n === "x-note")?.[1]).toContain("SharedAccessKey=REDACTED");
    // The target's Set-Cookie never reaches the record either.
    const answered = headerLines(record.responseHeaders).map(([name]) => name);
    expect(answered).not.toContain("set-cookie");
    for (const hop of ["connection", "keep-alive", "transfer-encoding"]) expect(answered).not.toContain(hop); // never reach the sender
    expect(record.requestBody).toBeUndefined(); // bodies are off unless the listener records them
  });

  it("says TOO_LARGE, GATEWAY_TIMEOUT, BAD_GATEWAY and ABORTED with the status the sender got", async () => {
    const id = await listen();
    expect((await sendThroughRelay(emu, "/ecs-core/hash", { method: "POST", body: Buffer.alloc(2048, 1) })).status).toBe(413);
    expect(await recordFor(dp, id, (r) => r.path === "/hash")).toMatchObject({ outcome: "TOO_LARGE", status: 413 });
    expect((await sendThroughRelay(emu, "/ecs-core/slow?ms=3000")).status).toBe(504);
    expect(await recordFor(dp, id, (r) => r.path.startsWith("/slow"))).toMatchObject({ outcome: "GATEWAY_TIMEOUT", status: 504 });
    expect((await sendThroughRelay(emu, "/ecs-core/status/503")).status).toBe(503);
    expect(await recordFor(dp, id, (r) => r.path === "/status/503")).toMatchObject({ outcome: "FORWARDED", status: 503 });
    await stop(id);

    const dead = await listen({}, `http://127.0.0.1:${await closedPort()}/`);
    expect((await sendThroughRelay(emu, "/ecs-core/anything")).status).toBe(502);
    expect(await recordFor(dp, dead, (r) => r.path === "/anything")).toMatchObject({ outcome: "BAD_GATEWAY", status: 502 });
    await stop(dead);

    // In flight when the listener is stopped (drain bounded at 100 ms): aborted, and its record still arrives.
    dp.plane.send({ type: "configure", options: { targetTimeoutMs: 60_000 } });
    const aborting = await listen();
    const pending = sendThroughRelay(emu, "/ecs-core/slow?ms=20000").catch(() => undefined);
    await eventually(() => target.inFlight() > 0, 5_000);
    await stop(aborting, 100);
    await pending;
    expect(await recordFor(dp, aborting, (r) => r.path.startsWith("/slow"))).toMatchObject({ outcome: "ABORTED" });
    dp.plane.send({ type: "configure", options: { targetTimeoutMs: 400 } });
  }, 30_000);

  it("records bodies only for a listener that opted in: 4 kB of text at most, binary as size only", async () => {
    dp.plane.send({ type: "configure", options: { maxBodyBytes: 1024 * 1024 } });
    const id = await listen({ recordBodies: true });
    await sendThroughRelay(emu, "/ecs-core/echo/text", { method: "POST", body: Buffer.from('{"hello":"world","sig=SIGSECRET4":1}'), headers: { "content-type": "application/json" } });
    const text = await recordFor(dp, id, (r) => r.path === "/echo/text");
    expect(text.requestBody).toMatchObject({ binary: false, truncated: false, size: 36 });
    expect(text.requestBody?.text).toContain('"hello":"world"');
    expect(text.requestBody?.text).not.toContain("SIGSECRET4");
    expect(text.responseBody).toMatchObject({ binary: false, truncated: false });
    expect(text.responseBody?.text).toContain('"method":"POST"');
    await sendThroughRelay(emu, "/ecs-core/echo/big", { method: "POST", body: Buffer.alloc(10_000, 0x61), headers: { "content-type": "text/plain" } });
    const big = await recordFor(dp, id, (r) => r.path === "/echo/big");
    expect(big.requestBody?.size).toBe(10_000);
    if (big.requestBody?.text !== undefined) expect(big.requestBody.text.length).toBeLessThanOrEqual(4096);
    expect(big.requestBody?.truncated).toBe(true);
    await sendThroughRelay(emu, "/ecs-core/bytes?n=300");
    const binary = await recordFor(dp, id, (r) => r.path.startsWith("/bytes"));
    expect(binary.responseBody).toEqual({ size: 300, binary: true, truncated: false });
    dp.plane.send({ type: "configure", options: { maxBodyBytes: 1024 } });
  }, 20_000);

  it("counts the listener's token renewals in its traffic", async () => {
    dp.plane.send({ type: "configure", options: { tokenLifetimeSeconds: 2 } });
    const id = await listen();
    await dp.waitFor((e) => e.type === "traffic" && e.listenerId === id && (e.traffic.tokenRenewals ?? 0) >= 1, 15_000);
    dp.plane.send({ type: "configure", options: { tokenLifetimeSeconds: 7200 } });
  }, 20_000);

  it("sends no records at all with the journal off", async () => {
    dp.plane.send({ type: "configure", options: { journal: { enabled: false } } });
    const id = await listen();
    expect((await sendThroughRelay(emu, "/ecs-core/echo/off")).status).toBe(200);
    await dp.waitFor((e) => e.type === "traffic" && e.listenerId === id && e.traffic.requests >= 1);
    await stop(id);
    expect(recordsOf(dp, id)).toEqual([]);
    dp.plane.send({ type: "configure", options: { journal: { enabled: true } } });
  });
});
