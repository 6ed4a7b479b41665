/**
 * HTTP senders through the emulator to an unmodified hyco-https listener, over ws/http and over wss/https with a
 * self-signed certificate (checklist 7-15).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendToken, startTestEmulator, type RelayEmulator } from "../support/emulator";
import { pattern, send, sha256, split, startHycoListener, trustEmulatorCa, type HycoListener } from "./helpers";

/** Echo handler: /ecs-core/echo reports what arrived; /ecs-core/size/N?writes=K answers N bytes in K writes. */
function handler(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const url = new URL(req.url ?? "/", "http://x");
    const size = /^\/ecs-core\/size\/(\d+)$/.exec(url.pathname);
    if (size) {
      const body = pattern(Number(size[1]), 7);
      res.setHeader("content-type", "application/octet-stream");
      res.setHeader("x-sha", sha256(body));
      const writes = Number(url.searchParams.get("writes") ?? 0);
      // hyco-https quirk: end(emptyBuffer) sends nothing at all (the sender would get 504); end() works.
      if (!writes) return void (body.length ? res.end(body) : res.end());
      for (const part of split(body, writes)) res.write(part);
      return void res.end();
    }
    if (url.pathname === "/ecs-core/nocontent") {
      res.writeHead(204); // hyco-https: writeHead is not chainable
      return void res.end();
    }
    const body = Buffer.concat(chunks);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, length: body.length, sha: sha256(body) }));
  });
}

describe.each([
  ["plain ws/http", false],
  ["TLS wss/https (self-signed)", true],
])("HTTP relay over %s", (_name, useTls) => {
  let emu: RelayEmulator;
  let listener: HycoListener;
  let untrust: () => void = () => undefined;
  const auth = () => ({ ServiceBusAuthorization: sendToken(emu) });

  beforeAll(async () => {
    emu = await startTestEmulator(useTls ? { tls: "self-signed" } : {});
    if (useTls) untrust = trustEmulatorCa(emu);
    listener = await startHycoListener(emu, handler);
  });
  afterAll(async () => {
    await listener.close();
    await emu.stop();
    untrust();
  });

  test("GET reaches the listener with the HC name in the URL, relay query pairs and headers stripped, Via added", async () => {
    const r = await send(emu, {
      path: "/ecs-core/echo?sb-hc-id=abc&a=1&sb-hc-x&b=&sb-hc-token=zzz",
      headers: { ...auth(), Custom: "Hello", "X-Multi": ["1", "2"] },
    });
    expect(r.status).toBe(200);
    expect(r.headers.via).toBe(emu.namespaceHost);
    const seen = JSON.parse(r.body.toString());
    expect(seen.method).toBe("GET");
    expect(seen.url).toBe("/ecs-core/echo?a=1&sb-hc-x&b=");
    expect(seen.headers.custom).toBe("Hello");
    expect(seen.headers["x-multi"]).toBe("1, 2");
    expect(seen.headers.host).toBe(emu.namespaceHost);
    expect(seen.headers.servicebusauthorization).toBeUndefined();
    expect(seen.headers.connection).toBeUndefined();
  });

  const sizes = [0, 11, 65_536, 65_537, 3 * 1024 * 1024];
  test.each(sizes)("POST of %i bytes in one piece and in many writes arrives intact", async (size) => {
    const body = pattern(size);
    const one = await send(emu, { method: "POST", path: "/ecs-core/echo", headers: auth(), body });
    const many = await send(emu, { method: "POST", path: "/ecs-core/echo", headers: auth(), chunks: split(body, 40) });
    for (const r of [one, many]) {
      expect(r.status).toBe(200);
      const seen = JSON.parse(r.body.toString());
      expect(seen).toMatchObject({ method: "POST", length: size, sha: sha256(body) });
      expect(seen.headers["transfer-encoding"]).toBeUndefined();
      expect(seen.headers["content-length"]).toBeUndefined();
    }
  });

  test.each(sizes)("a response of %i bytes written at once and in many writes reaches the sender intact", async (size) => {
    for (const writes of [0, 25]) {
      const r = await send(emu, { path: `/ecs-core/size/${size}?writes=${writes}`, headers: auth() });
      expect(r.status).toBe(200);
      expect(r.body.length).toBe(size);
      expect(sha256(r.body)).toBe(r.headers["x-sha"]);
      expect(r.headers.via).toBe(emu.namespaceHost);
    }
  });

  test("a response in 17,000 small writes (one message of more fragments than ws's default cap) arrives whole", async () => {
    const r = await send(emu, { path: `/ecs-core/size/170000?writes=17000`, headers: auth() });
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(170_000);
    expect(sha256(r.body)).toBe(r.headers["x-sha"]);
  });

  test("HEAD and 204 (body:false plus a stray empty binary message) do not disturb the next request", async () => {
    const head = await send(emu, { method: "HEAD", path: "/ecs-core/echo", headers: auth() });
    expect(head.status).toBe(200);
    const noContent = await send(emu, { path: "/ecs-core/nocontent", headers: auth() });
    expect(noContent.status).toBe(204);
    const next = await send(emu, { path: "/ecs-core/size/5", headers: auth() });
    expect(next.body.length).toBe(5);
  });

  test("60 concurrent requests of mixed sizes all get their own answer", async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const body = pattern(i % 3 === 0 ? 70_000 + i : 100 + i, i);
        return send(emu, { method: "POST", path: `/ecs-core/echo?i=${i}`, headers: auth(), body }).then((r) => ({ r, body, i }));
      }),
    );
    for (const { r, body, i } of results) {
      const seen = JSON.parse(r.body.toString());
      expect(seen.url).toBe(`/ecs-core/echo?i=${i}`);
      expect(seen.sha).toBe(sha256(body));
    }
  });
});
