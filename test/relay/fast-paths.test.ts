/**
 * The forwarder's common paths without stream objects (server/relay/whole-body.ts): a bodiless request, a body
 * already complete in memory, and a small answer with a declared length. Same framing and outcomes as streaming.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough, Readable } from "node:stream";
import { bufferedBody, collectBody, isSmallResponse } from "../../server/relay/whole-body";
import { startTestEmulator, type RelayEmulator } from "../support/emulator";
import { startTestTarget, type TestTarget } from "../support/target";
import { RecordingDataPlane, emulatorSpec, sendThroughRelay, sha256 } from "./harness";

describe("whole-body helpers", () => {
  it("bufferedBody: undefined while the end is not pushed; the whole body (or none) once it is", () => {
    const open = new PassThrough();
    open.write(Buffer.from("abc"));
    expect(bufferedBody(open)).toBeUndefined();
    const empty = new Readable({ read() {} });
    empty.push(null);
    expect(bufferedBody(empty)).toEqual({ chunks: [], bytes: 0, complete: true });
    const whole = new Readable({ read() {} });
    whole.push(Buffer.from("hello "));
    whole.push(Buffer.from("world"));
    whole.push(null);
    const start = bufferedBody(whole);
    expect(start).toMatchObject({ bytes: 11, complete: true });
    expect(Buffer.concat(start?.chunks ?? []).toString()).toBe("hello world");
  });

  it("isSmallResponse: only a declared length up to 64 KiB", () => {
    const answer = (headers: http.IncomingHttpHeaders): http.IncomingMessage => ({ headers }) as http.IncomingMessage;
    expect(isSmallResponse(answer({ "content-length": "0" }))).toBe(true);
    expect(isSmallResponse(answer({ "content-length": String(64 * 1024) }))).toBe(true);
    expect(isSmallResponse(answer({ "content-length": String(64 * 1024 + 1) }))).toBe(false);
    expect(isSmallResponse(answer({ "transfer-encoding": "chunked" }))).toBe(false);
    expect(isSmallResponse(answer({ "content-length": "nonsense" }))).toBe(false);
  });

  it("collectBody: the body after 'end'; an error when the stream closes before its end", async () => {
    const collect = (stream: PassThrough): Promise<Buffer> =>
      new Promise((resolve, reject) => collectBody(stream as unknown as http.IncomingMessage, (error, body) => (error ? reject(error) : resolve(body as Buffer))));
    const ok = new PassThrough();
    const whole = collect(ok);
    ok.write(Buffer.from("a"));
    ok.end(Buffer.from("b"));
    expect((await whole).toString()).toBe("ab");
    const cut = new PassThrough();
    const broken = collect(cut);
    cut.write(Buffer.from("a"));
    cut.destroy();
    await expect(broken).rejects.toThrow(/before the end/);
  });
});

describe("fast paths through the relay", () => {
  let emu: RelayEmulator;
  let target: TestTarget;
  let dp: RecordingDataPlane;
  let spec: ReturnType<typeof emulatorSpec>;
  let liar: http.Server; // declares a small body, sends part of it, then breaks the connection

  beforeAll(async () => {
    emu = await startTestEmulator();
    target = await startTestTarget("/");
    liar = http.createServer((_req, res) => {
      res.writeHead(200, { "content-length": 1000 });
      res.write(Buffer.alloc(100, 1), () => setTimeout(() => res.destroy(), 20));
    });
    await new Promise<void>((resolve) => liar.listen(0, "127.0.0.1", resolve));
    dp = new RecordingDataPlane();
    await dp.plane.start();
    spec = emulatorSpec(emu, target.url);
  });

  afterAll(async () => {
    await dp.plane.stop(1000);
    await target.close();
    await new Promise((resolve) => liar.close(resolve));
    await emu.stop();
  });

  it("a bodiless GET reaches the target without body framing; a small known-length answer returns whole", async () => {
    await dp.online(spec);
    const res = await sendThroughRelay(emu, "/ecs-core/bytes?n=1000");
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(1000);
    expect(sha256(res.body)).toBe(res.headers["x-sha256"]);
    const seen = target.requests.at(-1)?.headers;
    expect(seen).not.toHaveProperty("content-length");
    expect(seen).not.toHaveProperty("transfer-encoding");
    const empty = await sendThroughRelay(emu, "/ecs-core/bytes?n=0");
    expect(empty.status).toBe(200);
    expect(empty.body.length).toBe(0);
  });

  it("a small complete body goes out with its Content-Length; a larger answer still streams intact", async () => {
    const body = randomBytes(5000);
    const res = await sendThroughRelay(emu, "/ecs-core/hash", { method: "POST", body });
    expect(JSON.parse(res.body.toString("utf8"))).toEqual({ bytes: 5000, sha256: sha256(body) });
    expect(target.requests.at(-1)?.headers).toMatchObject({ "content-length": "5000" });
    expect(target.requests.at(-1)?.headers).not.toHaveProperty("transfer-encoding");
    const big = await sendThroughRelay(emu, "/ecs-core/bytes?n=300000");
    expect(big.body.length).toBe(300000);
    expect(sha256(big.body)).toBe(big.headers["x-sha256"]);
  });

  it("a small declared answer that breaks off is not passed on as complete (502)", async () => {
    const port = (liar.address() as AddressInfo).port;
    await dp.stopListener(spec.listenerId); // the hybrid connection now goes to the liar only
    await dp.online(emulatorSpec(emu, `http://127.0.0.1:${port}/`));
    const res = await sendThroughRelay(emu, "/ecs-core/anything");
    expect(res.status).toBe(502);
    expect(res.body.toString()).toMatch(/broke off/);
  });
});
