/**
 * End to end: sender → emulator → data-plane worker (hyco-https) → local HTTP target, and back.
 */
import { randomBytes } from "node:crypto";
import { startTestEmulator, type RelayEmulator } from "../support/emulator";
import { startTestTarget, type TestTarget } from "../support/target";
import { ENGINE, RecordingDataPlane, emulatorSpec, sendThroughRelay, sha256 } from "./harness";

let emu: RelayEmulator;
let target: TestTarget;
let dp: RecordingDataPlane;
let listenerId: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  target = await startTestTarget("/base/");
  dp = new RecordingDataPlane();
  await dp.plane.start();
  const spec = emulatorSpec(emu, target.url);
  listenerId = spec.listenerId;
  await dp.online(spec);
});

afterAll(async () => {
  await dp.plane.stop(1000);
  await target.close();
  await emu.stop();
});

describe("forwarding through the relay", () => {
  it("GET: strips the hybrid connection, joins the base path, keeps query and headers", async () => {
    const res = await sendThroughRelay(emu, "/ecs-core/echo/a/b?x=1&y=%20z&&e=", { headers: { "x-custom": "Hello", accept: "application/json" } });
    expect(res.status).toBe(200);
    const seen = JSON.parse(res.body.toString("utf8"));
    expect(seen.method).toBe("GET");
    expect(seen.url).toBe("/base/echo/a/b?x=1&y=%20z&&e=");
    expect(seen.headers["x-custom"]).toBe("Hello");
    expect(seen.headers.accept).toBe("application/json");
    expect(seen.headers.host).toBe(`127.0.0.1:${target.port}`);
  });

  // Bodies of methods Node does not frame by default (DELETE, OPTIONS) must still reach the target intact:
  // the relay strips Content-Length, so the forwarder frames them itself.
  it.each(["PUT", "PATCH", "DELETE", "OPTIONS"])("keeps the method %s and its body", async (method) => {
    const body = randomBytes(3000);
    const res = await sendThroughRelay(emu, "/ecs-core/hash", { method, body });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString("utf8"))).toEqual({ bytes: 3000, sha256: sha256(body) });
    expect(target.requests.at(-1)).toMatchObject({ method, url: "/base/hash", headers: { "content-length": "3000" } });
  });

  // hyco-https holds the whole body before the target is asked, so its length is known; the native engine streams
  // it as it arrives (the relay strips Content-Length): a body still arriving after the 64 KiB peek goes chunked,
  // one that was all there by then gets its exact length.
  it(`frames a large body (fetched over a rendezvous) ${ENGINE === "native" ? "chunked or with its exact length" : "with its exact Content-Length"}`, async () => {
    const body = randomBytes(200 * 1024);
    const res = await sendThroughRelay(emu, "/ecs-core/hash", { method: "DELETE", body });
    expect(JSON.parse(res.body.toString("utf8"))).toEqual({ bytes: body.length, sha256: sha256(body) });
    if (ENGINE === "native") {
      const headers = target.requests.at(-1)?.headers ?? {};
      const framing = headers["transfer-encoding"] === "chunked" ? "chunked" : headers["content-length"];
      expect(["chunked", String(body.length)]).toContain(framing);
    } else {
      expect(target.requests.at(-1)?.headers).toMatchObject({ "content-length": String(body.length) });
      expect(target.requests.at(-1)?.headers).not.toHaveProperty("transfer-encoding");
    }
  });

  it("answers HEAD with the target's status and headers, and no body", async () => {
    const res = await sendThroughRelay(emu, "/ecs-core/echo/h", { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(res.body.length).toBe(0);
    expect(target.requests.at(-1)).toMatchObject({ method: "HEAD", url: "/base/echo/h" });
  });

  it("sets X-Forwarded-Proto/Host and appends the sender's address to X-Forwarded-For", async () => {
    const res = await sendThroughRelay(emu, "/ecs-core/echo", { headers: { "x-forwarded-for": "203.0.113.9", "x-forwarded-host": "spoofed" } });
    const { headers } = JSON.parse(res.body.toString("utf8"));
    expect(headers["x-forwarded-proto"]).toBe("http"); // insecure emulator namespace
    expect(headers["x-forwarded-host"]).toBe(emu.namespaceHost);
    expect(headers["x-forwarded-for"]).toBe("203.0.113.9, 127.0.0.1");
  });

  // The relay itself drops Connection (so the names it lists never reach us: unit-tested in hop-by-hop.test.ts),
  // TE, Trailer and Upgrade; Keep-Alive and Proxy-* do arrive and are ours to drop.
  it("drops hop-by-hop headers towards the target", async () => {
    const res = await sendThroughRelay(emu, "/ecs-core/echo", {
      headers: { "keep-alive": "timeout=5", "proxy-authorization": "Basic abc", "proxy-foo": "1", te: "trailers", "x-kept": "yes" },
    });
    const { headers } = JSON.parse(res.body.toString("utf8"));
    expect(headers["x-kept"]).toBe("yes");
    expect(headers["keep-alive"]).toBeUndefined();
    expect(headers).not.toHaveProperty("proxy-authorization");
    expect(headers).not.toHaveProperty("proxy-foo");
    expect(headers).not.toHaveProperty("te");
    expect(headers).not.toHaveProperty("servicebusauthorization");
  });

  it("drops hop-by-hop headers from the target's answer", async () => {
    const res = await sendThroughRelay(emu, "/ecs-core/hop");
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe("hop");
    expect(res.headers["x-kept"]).toBe("yes");
    expect(res.headers).not.toHaveProperty("x-private");
    expect(res.headers).not.toHaveProperty("trailer");
  });

  it.each([0, 1024, 64 * 1024, 65 * 1024, 20 * 1024 * 1024])("POST of %i bytes arrives intact", async (size) => {
    const body = randomBytes(size);
    const res = await sendThroughRelay(emu, "/ecs-core/hash", { method: "POST", body, headers: { "content-type": "application/octet-stream" } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString("utf8"))).toEqual({ bytes: size, sha256: sha256(body) });
  }, 60_000);

  it.each([10, 64 * 1024 + 1, 5 * 1024 * 1024])("a %i-byte answer comes back intact", async (size) => {
    const res = await sendThroughRelay(emu, `/ecs-core/bytes?n=${size}`);
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(size);
    expect(sha256(res.body)).toBe(res.headers["x-sha256"]);
  }, 60_000);

  it("passes the target's status and reason phrase", async () => {
    const res = await sendThroughRelay(emu, "/ecs-core/status/418");
    expect(res.status).toBe(418);
    expect(res.body.toString()).toBe("status 418");
  });

  it("counts the traffic", async () => {
    await sendThroughRelay(emu, "/ecs-core/status/503"); // the file's first target 5xx
    const event = await dp.waitFor((e) => e.type === "traffic" && e.listenerId === listenerId && e.traffic.failed.targetError > 0, 5000);
    if (event.type !== "traffic") throw new Error("unreachable");
    expect(event.traffic.requests).toBeGreaterThanOrEqual(14);
    expect(event.traffic.failed.targetError).toBeGreaterThanOrEqual(1);
    expect(event.traffic.bytesIn).toBeGreaterThan(20 * 1024 * 1024);
    expect(event.traffic.bytesOut).toBeGreaterThan(5 * 1024 * 1024);
    expect(event.traffic.latencyMs).not.toBeNull();
    expect(event.traffic.latencyMs!.p50).toBeLessThanOrEqual(event.traffic.latencyMs!.p99);
    expect(Date.parse(event.traffic.lastRequestAt!)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe("answers the relay protocol cannot carry as such", () => {
  it("joins several Set-Cookie values (the relay's header object cannot repeat a name)", async () => {
    const res = await sendThroughRelay(emu, "/ecs-core/cookies");
    expect(res.status).toBe(200);
    expect(res.headers["set-cookie"]).toEqual(["a=1; Path=/, b=2; Path=/"]);
    // Counted, so an operator sees that browsers got one cookie where the target set two.
    const event = await dp.waitFor((e) => e.type === "traffic" && e.listenerId === listenerId && (e.traffic.foldedHeaders ?? 0) >= 1, 5000);
    expect(event).toMatchObject({ traffic: { foldedHeaders: 1 } });
  });

  // hyco-https holds back the first 64 KiB of an answer, so a target breaking off early still gets a clean 502. The
  // native engine passes the head and each piece on as they come (streaming; docs/native-engine.md "No clean 502
  // after the head left"): the head has left by the time the target breaks off, so it can only cut the sender off.
  if (ENGINE === "hyco-https") {
    it("answers 502 when the target breaks off an answer of which nothing was sent yet (< 64 KiB, held)", async () => {
      const res = await sendThroughRelay(emu, "/ecs-core/broken?n=1000");
      expect(res.status).toBe(502);
      expect(res.body.toString()).toMatch(/broke off/);
    });
  }

  it.each(ENGINE === "native" ? [1000, 200_000] : [200_000])("cuts the sender off when the target breaks after %i bytes, rather than pass a truncated answer as complete", async (n) => {
    const outcome = await sendThroughRelay(emu, `/ecs-core/broken?n=${n}`).then(
      (res) => ({ status: res.status, length: res.body.length }),
      (error: Error) => ({ error: error.message }),
    );
    expect(outcome).toEqual({ error: expect.stringMatching(/aborted|hang up|ECONNRESET/i) });
  });
});
