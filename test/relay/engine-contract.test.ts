/**
 * The forwarding contract, run against both engines (issue 10 item 8). Where hyco-https cannot pass a case
 * (streaming answers, uploads seen only once complete, keep-alive, listener id), the case asserts its known limit
 * instead, so the limit is documented by a test that fails the day it changes (docs/native-engine.md).
 * The rest of the data-plane suites run on either engine with RELAY_TEST_ENGINE=native|hyco-https.
 */
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { Readable } from "node:stream";
import WebSocket from "ws";
import type { RelayEngineName } from "../../server/relay/protocol";
import { stableListenerId } from "../../server/relay/native/listener-id";
import { emulatorAdmin, sendToken, startTestEmulator, type RelayEmulator } from "../support/emulator";
import { startTestTarget, type TestTarget } from "../support/target";
import { RecordingDataPlane, delay, emulatorSpec, eventually, sendThroughRelay, sha256 } from "./harness";

const ENGINES: RelayEngineName[] = ["native", "hyco-https"];

/** A target that answers with an event stream: the head at once, then each event when the test says so. */
async function startSseTarget(): Promise<{ url: string; write(text: string): void; end(text: string): void; close(): Promise<void> }> {
  let current: http.ServerResponse | undefined;
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.flushHeaders();
    current = res;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    write: (text) => current?.write(text),
    end: (text) => current?.end(text),
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

/** Streams `total` pseudo-random bytes (generated piece by piece, never held whole) and returns their hash too. */
function generatedBody(total: number): { stream: Readable; sha256: () => string } {
  const hash = createHash("sha256");
  const piece = randomBytes(1024 * 1024);
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const chunk = piece.subarray(0, Math.min(piece.length, total - sent));
      sent += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.digest("hex") };
}

/** A TCP pass-through that records the first bytes of each connection (the HTTP upgrade request line). */
async function recordingProxy(port: number): Promise<{ port: number; requestLines: string[]; close(): Promise<void> }> {
  const requestLines: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => undefined);
    }
    client.once("data", (head: Buffer) => requestLines.push(head.toString("latin1").split("\r\n")[0]));
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requestLines,
    close: () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
  };
}

describe.each(ENGINES)("engine %s", (engine) => {
  const native = engine === "native";
  let emu: RelayEmulator;
  let target: TestTarget;
  let dp: RecordingDataPlane;

  beforeAll(async () => {
    emu = await startTestEmulator();
    target = await startTestTarget("/");
    dp = new RecordingDataPlane(engine);
    await dp.plane.start();
  });

  afterAll(async () => {
    await dp.plane.stop(1000);
    await target.close();
    await emu.stop();
  });

  async function withListener<T>(targetUrl: string, body: (listenerId: string) => Promise<T>, overrides = {}): Promise<T> {
    const spec = emulatorSpec(emu, targetUrl, overrides);
    await dp.online(spec);
    try {
      return await body(spec.listenerId);
    } finally {
      await dp.stopListener(spec.listenerId);
    }
  }

  it("serves small and rendezvous-sized requests, several over one kept sender connection", async () => {
    await withListener(target.url, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (const size of [10, 100 * 1024, 100 * 1024, 10]) {
          const body = randomBytes(size);
          const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
            const req = http.request(`${emu.httpUrl}/ecs-core/hash`, { method: "POST", agent, headers: { ServiceBusAuthorization: sendToken(emu), "content-length": size } }, (r) => {
              let text = "";
              r.setEncoding("utf8").on("data", (c: string) => (text += c)).on("end", () => resolve({ status: r.statusCode ?? 0, text }));
            });
            req.on("error", reject);
            req.end(body);
          });
          expect(res.status).toBe(200);
          expect(JSON.parse(res.text)).toEqual({ bytes: size, sha256: sha256(body) });
        }
      } finally {
        agent.destroy();
      }
    });
  });

  it(native ? "passes an event stream's head and each event on as the target writes them" : "known limit: holds an event stream back until it ends", async () => {
    const sse = await startSseTarget();
    try {
      await withListener(sse.url, async () => {
        const received: string[] = [];
        let head: http.IncomingMessage | undefined;
        const done = new Promise<void>((resolve, reject) => {
          const req = http.request(`${emu.httpUrl}/ecs-core/events`, { agent: false, headers: { ServiceBusAuthorization: sendToken(emu) } }, (res) => {
            head = res;
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => received.push(chunk));
            res.on("end", resolve);
          });
          req.on("error", reject);
          req.end();
        });
        // Generous bounds: each step must be seen while the target still holds the answer open.
        const headEarly = await eventually(() => head !== undefined, native ? 3000 : 1000);
        sse.write("data: one\n\n");
        const firstEarly = await eventually(() => received.join("").includes("data: one"), native ? 3000 : 1000);
        sse.write("data: two\n\n");
        const secondEarly = await eventually(() => received.join("").includes("data: two"), native ? 3000 : 1000);
        sse.end("data: three\n\n");
        await done;
        expect(head?.statusCode).toBe(200);
        expect(head?.headers["content-type"]).toBe("text/event-stream");
        expect(received.join("")).toBe("data: one\n\ndata: two\n\ndata: three\n\n");
        expect({ headEarly, firstEarly, secondEarly }).toEqual({ headEarly: native, firstEarly: native, secondEarly: native });
      });
    } finally {
      await sse.close();
    }
  });

  // hyco-https receives a body as one WebSocket message, held whole; with the upload guard (request-body-guard.ts)
  // lifting ws's 100 MiB cap it arrives, but only after all of it is in memory (the next case shows the target waits).
  it("delivers a long-poll answer that comes after 20 s", async () => {
    await withListener(target.url, async () => {
      const res = await sendThroughRelay(emu, "/ecs-core/slow?ms=20000");
      expect(res.status).toBe(200);
      expect(res.body.toString()).toBe("slow done");
    });
  }, 40_000);

  it(native ? "streams a 200 MiB upload to the target with bounded memory" : "takes a 200 MiB upload when maxBodyBytes is 0 (held whole first)", async () => {
    dp.plane.send({ type: "configure", options: { maxBodyBytes: 0 } });
    try {
      await withListener(target.url, async () => {
        const total = 200 * 1024 * 1024;
        const body = generatedBody(total);
        const rssBefore = process.memoryUsage().rss;
        let rssPeak = rssBefore;
        const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
        const outcome = await new Promise<{ status: number; text: string } | { error: string }>((resolve) => {
          const req = http.request(`${emu.httpUrl}/ecs-core/hash`, { method: "POST", agent: false, headers: { ServiceBusAuthorization: sendToken(emu), "content-length": total } }, (res) => {
            let text = "";
            res.setEncoding("utf8").on("data", (c: string) => (text += c)).on("end", () => resolve({ status: res.statusCode ?? 0, text }));
          });
          req.on("error", (error) => resolve({ error: error.message }));
          body.stream.pipe(req);
        });
        clearInterval(sampler);
        expect(outcome).toMatchObject({ status: 200 });
        expect(JSON.parse((outcome as { text: string }).text)).toEqual({ bytes: total, sha256: body.sha256() });
        // Sender, emulator, worker and target share this process: a whole body held anywhere would add 200 MiB.
        if (native) expect(rssPeak - rssBefore).toBeLessThan(128 * 1024 * 1024);
      });
    } finally {
      dp.plane.send({ type: "configure", options: { maxBodyBytes: 100 * 1024 * 1024 } });
    }
  }, 120_000);

  it(native ? "cancels the target request when the sender aborts mid-upload" : "known limit: the target sees nothing of an upload until it is complete", async () => {
    const traffic = await withListener(target.url, async (listenerId) => {
      const before = target.requests.length;
      const req = http.request(`${emu.httpUrl}/ecs-core/hash`, { method: "POST", agent: false, headers: { ServiceBusAuthorization: sendToken(emu), "transfer-encoding": "chunked" } });
      req.on("error", () => undefined);
      req.write(randomBytes(512 * 1024)); // and never end: the upload is still going
      if (native) {
        expect(await eventually(() => target.inFlight() === 1, 5000)).toBe(true);
      } else {
        await delay(500);
        expect(target.requests.length).toBe(before);
      }
      req.destroy();
      expect(await eventually(() => target.inFlight() === 0, 5000)).toBe(true);
      return listenerId;
    });
    if (native) {
      const last = dp.of(traffic).filter((e) => e.type === "traffic").pop();
      expect(last).toMatchObject({ traffic: { failed: { aborted: 1 } } });
    }
  });

  it(native ? "presents a stable listener id (sb-hc-id) per host and registration" : "known limit: presents no listener id", async () => {
    const proxy = await recordingProxy(Number(new URL(emu.httpUrl).port));
    try {
      const overrides = { namespace: `127.0.0.1:${proxy.port}` };
      const spec = emulatorSpec(emu, target.url, overrides);
      await dp.online(spec);
      await dp.stopListener(spec.listenerId);
      const line = proxy.requestLines[0];
      expect(line).toMatch(/^GET \/\$hc\/ecs-core\?sb-hc-action=listen/);
      if (native) expect(line).toContain(`sb-hc-id=${stableListenerId(spec.registrationId)}`);
      else expect(line).not.toContain("sb-hc-id=");
    } finally {
      await proxy.close();
    }
  });

  it(native ? "notices a black-holed control channel and reports it plainly" : "known limit: never notices a black-holed control channel", async () => {
    dp.plane.send({ type: "configure", options: { keepAliveMs: 200 } });
    try {
      const spec = emulatorSpec(emu, target.url);
      await dp.online(spec);
      const fault = await emulatorAdmin(emu, "POST", "faults/black-hole", { hybridConnection: "ecs-core" });
      expect(fault.body).toEqual({ blackHoled: 1 });
      const started = Date.now();
      if (native) {
        const down = await dp.waitFor((e) => e.type === "down" && e.listenerId === spec.listenerId, 10_000);
        expect(down).toMatchObject({ signal: { kind: "close", code: 1006, reason: expect.stringMatching(/keep-alive ping/) } });
        expect(Date.now() - started).toBeLessThan(3 * 200 + 2000); // sanity bound: within 3 × keepAliveMs (+ margin)
      } else {
        await delay(3 * 200 + 500);
        expect(dp.of(spec.listenerId).some((e) => e.type === "down")).toBe(false);
        await dp.stopListener(spec.listenerId, 100);
      }
    } finally {
      dp.plane.send({ type: "configure", options: { keepAliveMs: 30_000 } });
      await emulatorAdmin(emu, "POST", "faults/clear", {});
    }
  });

  // Both renew before expiry now: native at 80 % of the lifetime, hyco-https through token-renewal.ts at half of it
  // (on its own it renews hourly only, so a short token used to expire with 1008).
  it("renews a short-lived token before it expires (renewToken)", async () => {
    dp.plane.send({ type: "configure", options: { tokenLifetimeSeconds: 2 } });
    try {
      const spec = emulatorSpec(emu, target.url);
      await dp.online(spec);
      await delay(4500); // two lifetimes and the emulator's grace: the first token would long have expired
      expect(dp.of(spec.listenerId).some((e) => e.type === "down")).toBe(false);
      expect((await sendThroughRelay(emu, "/ecs-core/status/200")).status).toBe(200);
      await dp.stopListener(spec.listenerId);
    } finally {
      dp.plane.send({ type: "configure", options: { tokenLifetimeSeconds: 7200 } });
    }
  }, 20_000);

  // hyco-https must never be sent `accept` (it crashes: docs/relay-protocol-notes.md §5): the engine refuses senders with 501
  // before hyco-https sees them (websocket-accept.ts), so the pass-through cases are the native engine's.
  describe("WebSocket senders", () => {
    let wsTarget: { url: string; closeCodes: number[]; paths: string[]; close(): Promise<void> };

    beforeAll(async () => {
      const closeCodes: number[] = [];
      const paths: string[] = [];
      const server = http.createServer();
      const wss = new WebSocket.Server({ noServer: true, handleProtocols: (offered) => (offered.has("chat.v2") ? "chat.v2" : false) });
      server.on("upgrade", (req, socket, head) => {
        paths.push(req.url ?? "");
        if (req.headers.origin === "https://refused.example") return void socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        wss.handleUpgrade(req, socket, head, (ws) => {
          ws.on("message", (data, isBinary) => {
            if (!isBinary && data.toString() === "close please") return ws.close(4001, "as asked");
            ws.send(data, { binary: isBinary });
          });
          ws.on("close", (code) => closeCodes.push(code));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      wsTarget = {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/base/`,
        closeCodes,
        paths,
        close: () => new Promise<void>((resolve) => (wss.clients.forEach((c) => c.terminate()), server.close(() => resolve()), server.closeAllConnections())),
      };
    });
    afterAll(() => wsTarget.close());

    const senderUrl = (suffix = ""): string => `${emu.httpUrl.replace(/^http/, "ws")}/$hc/ecs-core${suffix}?sb-hc-action=connect&app=1`;
    const openSender = (suffix = "", protocols: string[] = [], origin?: string): Promise<WebSocket> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(senderUrl(suffix), protocols, { headers: { ServiceBusAuthorization: sendToken(emu) }, ...(origin ? { origin } : {}) });
        ws.once("open", () => resolve(ws));
        ws.once("unexpected-response", (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
        ws.once("error", reject);
      });

    // hyco-https's known limit, asserted as such: every WebSocket sender is refused 501 before hyco-https sees it.
    if (!native) {
      it("refuses every WebSocket sender with 501 (a known limit of hyco-https: no WebSocket path); HTTP goes on", async () => {
        await withListener(target.url, async () => {
          await expect(openSender()).rejects.toThrow("refused 501");
          expect((await sendThroughRelay(emu, "/ecs-core/status/200")).status).toBe(200);
        });
      });
      return;
    }

      it("passes text and binary both ways, with the target's sub-protocol and close codes", async () => {
        await withListener(wsTarget.url, async () => {
          const ws = await openSender("", ["chat.v1", "chat.v2"]);
          expect(ws.protocol).toBe("chat.v2");
          const replies: Array<{ data: string; binary: boolean }> = [];
          ws.on("message", (data, isBinary) => replies.push({ data: data.toString(), binary: isBinary }));
          ws.send("hello");
          ws.send(Buffer.from("bytes"), { binary: true });
          expect(await eventually(() => replies.length === 2, 5000)).toBe(true);
          expect(replies).toEqual([{ data: "hello", binary: false }, { data: "bytes", binary: true }]);
          const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
          ws.send("close please");
          expect(await closed).toBe(4001);
          // The emulator's accept address carries no sender path (Azure's does: accept.test.ts covers the mapping).
          expect(wsTarget.paths.at(-1)).toBe("/base/");

          const second = await openSender();
          second.close(4002, "bye");
          expect(await eventually(() => wsTarget.closeCodes.includes(4002), 5000)).toBe(true);
        });
      });

      it("refuses the sender with the target's status when the target refuses the upgrade", async () => {
        await withListener(wsTarget.url, async () => {
          await expect(openSender("", [], "https://refused.example")).rejects.toThrow("refused 403");
        });
      });

      it("refuses every WebSocket sender with 403 when webSockets is set to refuse", async () => {
        dp.plane.send({ type: "configure", options: { webSockets: "refuse" } });
        try {
          await withListener(target.url, async () => {
            await expect(openSender()).rejects.toThrow("refused 403");
            expect((await sendThroughRelay(emu, "/ecs-core/status/200")).status).toBe(200);
          });
        } finally {
          dp.plane.send({ type: "configure", options: { webSockets: "pass" } });
        }
      });

      it("refuses the sender with 502 when the target cannot be reached", async () => {
        const closed = await startTestTarget("/");
        await closed.close();
        await withListener(closed.url, async () => {
          await expect(openSender()).rejects.toThrow("refused 502");
        });
      });
  });
});
