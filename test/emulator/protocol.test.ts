/**
 * Wire-level checks with a raw `ws` listener: message shapes and order on the control channel and on rendezvous
 * sockets (checklist 10-16, 19, 20).
 */
import http from "node:http";
import WebSocket from "ws";
import { listenToken, sendToken, startTestEmulator, type RelayEmulator } from "../support/emulator";
import { closed, delay, dial, pattern, send } from "./helpers";

type Msg = { json?: any; binary?: Buffer }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Queues every message of a socket so tests can await them one by one. */
class Inbox {
  private readonly queue: Msg[] = [];
  private readonly waiters: Array<(m: Msg) => void> = [];
  constructor(readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) => {
      const m: Msg = isBinary ? { binary: data as Buffer } : { json: JSON.parse(data.toString()) };
      const w = this.waiters.shift();
      if (w) w(m);
      else this.queue.push(m);
    });
  }
  next(timeoutMs = 3000): Promise<Msg> {
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error("no message")), timeoutMs);
      this.waiters.push((msg) => (clearTimeout(t), resolve(msg)));
    });
  }
  get pending(): number {
    return this.queue.length;
  }
}

/** Buffer.equals: jest's deep equality on big Buffers takes seconds (longer than the response timeout). */
function sameBytes(a: Buffer | undefined, b: Buffer): boolean {
  return !!a && a.equals(b);
}

let emu: RelayEmulator;
let control: Inbox;
const sockets: WebSocket[] = [];
const auth = () => ({ ServiceBusAuthorization: sendToken(emu) });
async function rendezvous(address: string): Promise<Inbox> {
  const ws = new WebSocket(address, { perMessageDeflate: false });
  sockets.push(ws);
  const inbox = new Inbox(ws); // before `open`: the relay sends the request right away
  await new Promise((r, j) => (ws.once("open", r), ws.once("error", j)));
  return inbox;
}

beforeEach(async () => {
  emu = await startTestEmulator({ responseTimeoutMs: 600 });
  const r = await dial(emu, "/$hc/ecs-core?sb-hc-action=listen", listenToken(emu));
  sockets.push(r.ws!);
  control = new Inbox(r.ws!);
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.terminate());
  await emu.stop();
});

test("inline request: JSON then exactly one binary body; response read per message (fragments, string status)", async () => {
  const pending = send(emu, { method: "POST", path: "/ecs-core/p?sb-hc-id=my-id&x=1", headers: { ...auth(), "X-A": "1" }, body: pattern(100) });
  const { json } = await control.next();
  expect(json.request).toMatchObject({ id: "my-id", requestTarget: "/ecs-core/p?x=1", method: "POST", body: true });
  expect(json.request.address).toBe(`ws://${emu.namespaceHost}/$hc/ecs-core?sb-hc-action=request&sb-hc-id=my-id`);
  expect(json.request.requestHeaders["X-A"]).toBe("1");
  expect(json.request.remoteEndpoint.address).toBe("127.0.0.1");
  const body = await control.next();
  expect(sameBytes(body.binary, pattern(100))).toBe(true);
  expect(control.pending).toBe(0);
  control.ws.send(Buffer.alloc(0)); // a stray empty binary message: ignored
  control.ws.send(JSON.stringify({ response: { requestId: "my-id", statusCode: "201", statusDescription: "Made", responseHeaders: { "X-B": "2" }, body: true } }));
  control.ws.send(Buffer.from("hel"), { fin: false });
  control.ws.send(Buffer.from("lo"), { fin: false });
  control.ws.send(Buffer.alloc(0), { fin: true });
  const r = await pending;
  expect([r.status, r.statusMessage, r.headers["x-b"], r.headers.via, r.body.toString()]).toEqual([201, "Made", "2", emu.namespaceHost, "hello"]);
});

test("large request: address-only form, then JSON + one body message on the single-use rendezvous; answer there", async () => {
  const pending = send(emu, { method: "PUT", path: "/ecs-core/big", headers: auth(), body: pattern(70_000) });
  const { json } = await control.next();
  expect(Object.keys(json.request).sort()).toEqual(["address", "id"]);
  const rv = await rendezvous(json.request.address);
  const req = (await rv.next()).json.request;
  expect(req).toMatchObject({ id: json.request.id, method: "PUT", requestTarget: "/ecs-core/big", body: true });
  expect(sameBytes((await rv.next()).binary, pattern(70_000))).toBe(true);
  rv.ws.send(JSON.stringify({ response: { requestId: req.id, statusCode: 200, responseHeaders: {}, body: true } }));
  rv.ws.send(pattern(200_000, 3));
  const r = await pending;
  expect(sameBytes(r.body, pattern(200_000, 3))).toBe(true);
  expect((await closed(rv.ws)).code).toBe(1001); // kept for the connection's later requests, closed when it goes
  const again = await dial(emu, new URL(json.request.address).pathname + new URL(json.request.address).search);
  expect(again.status).toBe(403);
});

test("response upgrade: the listener answers on the request's address; the request is not re-sent there", async () => {
  const pending = send(emu, { path: "/ecs-core/up", headers: auth() });
  const { json } = await control.next();
  expect(json.request.body).toBe(false);
  const rv = await rendezvous(json.request.address);
  rv.ws.send(JSON.stringify({ response: { requestId: json.request.id, statusCode: 200, responseHeaders: {}, body: true } }));
  rv.ws.send(pattern(100_000));
  expect(sameBytes((await pending).body, pattern(100_000))).toBe(true);
  expect(rv.pending).toBe(0);
});

test("a listener that closes its control channel can still answer a request it got on the request's address", async () => {
  const pending = send(emu, { path: "/ecs-core/drain", headers: auth() });
  const { json } = await control.next();
  control.ws.close(1000, "listener stopping");
  await closed(control.ws);
  await delay(200); // the relay waits for the rendezvous instead of failing the request at once
  const rv = await rendezvous(json.request.address);
  rv.ws.send(JSON.stringify({ response: { requestId: json.request.id, statusCode: 200, responseHeaders: {}, body: true } }));
  rv.ws.send(Buffer.from("drained"));
  const res = await pending;
  expect(res.status).toBe(200);
  expect(res.body?.toString()).toBe("drained");
});

test("responses correlate by requestId in any order; HEAD-style body:false plus stray binary is fine", async () => {
  const a = send(emu, { path: "/ecs-core/a", headers: auth() });
  const ida = (await control.next()).json.request.id;
  const b = send(emu, { path: "/ecs-core/b", headers: auth() });
  const idb = (await control.next()).json.request.id;
  control.ws.send(JSON.stringify({ response: { requestId: idb, statusCode: 204, responseHeaders: {}, body: false } }));
  control.ws.send(Buffer.alloc(0));
  control.ws.send(JSON.stringify({ response: { requestId: ida, statusCode: 200, responseHeaders: {}, body: true } }));
  control.ws.send(Buffer.from("A"));
  expect((await b).status).toBe(204);
  expect((await a).body.toString()).toBe("A");
});

test("the sender going away closes the rendezvous with 1001", async () => {
  const req = http.request(`${emu.httpUrl}/ecs-core/stream`, { method: "POST", headers: auth(), agent: false });
  req.on("error", () => undefined);
  req.write("partial");
  const { json } = await control.next();
  const rv = await rendezvous(json.request.address);
  await rv.next(); // request JSON
  const closing = closed(rv.ws);
  req.destroy();
  expect((await closing).code).toBe(1001);
});

test("a chunked body is streamed to the listener as it arrives (not buffered until the end)", async () => {
  const req = http.request(`${emu.httpUrl}/ecs-core/stream`, { method: "POST", headers: auth(), agent: false });
  req.on("error", () => undefined);
  req.write(pattern(20_000));
  const { json } = await control.next();
  const rv = await rendezvous(json.request.address);
  await rv.next();
  // The first fragment is on the wire while the sender has not finished: bytes reached the listener's socket.
  const socket = (rv.ws as unknown as { _socket: import("node:net").Socket })._socket;
  const deadline = Date.now() + 2000;
  while (socket.bytesRead < 20_000 && Date.now() < deadline) await delay(20);
  expect(socket.bytesRead).toBeGreaterThanOrEqual(20_000);
  req.end(pattern(5));
  expect(sameBytes((await rv.next()).binary, Buffer.concat([pattern(20_000), pattern(5)]))).toBe(true);
});

test("unsolicited pongs on the control channel are tolerated", async () => {
  control.ws.pong();
  control.ws.pong(Buffer.from("x"));
  const pending = send(emu, { path: "/ecs-core/", headers: auth() });
  const id = (await control.next()).json.request.id;
  control.ws.send(JSON.stringify({ response: { requestId: id, statusCode: 200, responseHeaders: {}, body: false } }));
  expect((await pending).status).toBe(200);
});

test("a response whose body stalls is cut off after the response timeout", async () => {
  const got = new Promise<{ status: number; error?: string }>((resolve) => {
    const req = http.get(`${emu.httpUrl}/ecs-core/stall`, { headers: auth(), agent: false }, (res) => {
      res.on("error", (e) => resolve({ status: res.statusCode!, error: e.message }));
      res.on("end", () => resolve({ status: res.statusCode! }));
      res.resume();
    });
    req.on("error", (e) => resolve({ status: 0, error: e.message }));
  });
  const id = (await control.next()).json.request.id;
  control.ws.send(JSON.stringify({ response: { requestId: id, statusCode: 200, responseHeaders: {}, body: true } }));
  control.ws.send(Buffer.from("never finished"), { fin: false });
  const r = await got;
  expect(r.status).toBe(200);
  expect(r.error).toMatch(/aborted/);
});

test("a rendezvous response body is streamed to the sender fragment by fragment; a slow but moving body is not cut", async () => {
  let received = 0;
  const done = new Promise<number>((resolve, reject) => {
    const req = http.get(`${emu.httpUrl}/ecs-core/slow`, { headers: auth(), agent: false }, (res) => {
      res.on("data", (c: Buffer) => (received += c.length));
      res.on("end", () => resolve(res.statusCode!));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
  const { json } = await control.next();
  const rv = await rendezvous(json.request.address);
  rv.ws.send(JSON.stringify({ response: { requestId: json.request.id, statusCode: 200, responseHeaders: {}, body: true } }));
  // 5 fragments, 250 ms apart: 1 s in all, longer than the 600 ms response timeout, but never idle that long.
  for (let i = 0; i < 5; i++) {
    rv.ws.send(pattern(50_000, i), { fin: false });
    const deadline = Date.now() + 1000;
    while (received < (i + 1) * 50_000 && Date.now() < deadline) await delay(10);
    expect(received).toBe((i + 1) * 50_000); // this fragment reached the sender before the message ended
    await delay(250);
  }
  rv.ws.send(Buffer.alloc(0), { fin: true });
  expect(await done).toBe(200);
  expect(received).toBe(250_000);
});

describe("a request rendezvous belongs to the sender's connection", () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  afterAll(() => agent.destroy());
  const post = (body: Buffer) =>
    new Promise<{ status: number; socket: import("node:net").Socket }>((resolve, reject) => {
      const req = http.request(`${emu.httpUrl}/ecs-core/k`, { method: "POST", headers: { ...auth(), "Content-Length": body.length }, agent }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, socket: req.socket! }));
      });
      req.on("error", reject);
      req.end(body);
    });
  const answer = async (rv: Inbox) => {
    const req = (await rv.next()).json.request;
    await rv.next(); // body
    rv.ws.send(JSON.stringify({ response: { requestId: req.id, statusCode: 200, responseHeaders: {}, body: false } }));
    return req;
  };

  test("later requests of the connection go straight over it; it closes 1001 when the connection goes", async () => {
    const first = post(pattern(70_000));
    const rv = await rendezvous((await control.next()).json.request.address);
    await answer(rv);
    const { socket } = await first;
    const second = post(pattern(10)); // small, yet on the rendezvous: nothing on the control channel
    expect((await answer(rv)).method).toBe("POST");
    expect((await second).status).toBe(200);
    expect(control.pending).toBe(0);
    const closing = closed(rv.ws);
    socket.destroy();
    expect((await closing).code).toBe(1001);
  });

  test("idle ones close (1001) when their listener's control channel goes", async () => {
    const first = post(pattern(70_000));
    const rv = await rendezvous((await control.next()).json.request.address);
    await answer(rv);
    await first;
    const closing = closed(rv.ws);
    control.ws.close();
    expect((await closing).code).toBe(1001);
  });

  test("if the listener closes it, the sender's connection drops", async () => {
    const first = post(pattern(70_000));
    const rv = await rendezvous((await control.next()).json.request.address);
    await answer(rv);
    const { socket } = await first;
    const dropped = new Promise<void>((r) => socket.once("close", () => r()));
    rv.ws.close(1000);
    await dropped;
    expect(socket.destroyed).toBe(true);
  });
});
