/**
 * The native engine through an HTTP CONNECT proxy (issue 10 item 7, first part): which URLs go through it, a
 * listener whose relay is reachable only through a local proxy, and a proxy that wants credentials (407).
 */
import { randomBytes } from "node:crypto";
import { proxyFor } from "../../../server/relay/native/outbound-proxy";
import { startConnectProxy as connectProxy } from "../../support/connect-proxy";
import { startTestEmulator, type RelayEmulator } from "../../support/emulator";
import { startTestTarget, type TestTarget } from "../../support/target";
import { RecordingDataPlane, emulatorSpec, sendThroughRelay, sha256 } from "../harness";

describe("proxyFor", () => {
  it("takes HTTPS_PROXY for wss://, HTTP_PROXY for ws://, and honours NO_PROXY", () => {
    const env = { HTTPS_PROXY: "http://p:3128", HTTP_PROXY: "plain:8080", NO_PROXY: "localhost, .internal.example, *.corp" };
    expect(proxyFor("wss://ns.servicebus.windows.net/$hc/a", env)?.host).toBe("p:3128");
    expect(proxyFor("ws://127.0.0.1:9/$hc/a", env)?.host).toBe("plain:8080");
    expect(proxyFor("wss://localhost/$hc/a", env)).toBeUndefined();
    expect(proxyFor("wss://relay.internal.example/$hc/a", env)).toBeUndefined();
    expect(proxyFor("wss://a.corp/$hc/a", env)).toBeUndefined();
    expect(proxyFor("wss://ns.servicebus.windows.net/$hc/a", { ...env, NO_PROXY: "*" })).toBeUndefined();
    expect(proxyFor("wss://ns.servicebus.windows.net/$hc/a", {})).toBeUndefined();
    expect(() => proxyFor("wss://ns/$hc/a", { HTTPS_PROXY: "socks5://p:1080" })).toThrow(/only http:\/\/ proxies/);
  });

  it("lets the plugin's settings override the environment", () => {
    const env = { HTTPS_PROXY: "http://env:1", NO_PROXY: "ns.servicebus.windows.net" };
    expect(proxyFor("wss://ns.servicebus.windows.net/$hc/a", env, { url: "http://setting:2", noProxy: "" })?.host).toBe("setting:2");
    expect(proxyFor("wss://other.servicebus.windows.net/$hc/a", env, { noProxy: "*.servicebus.windows.net" })).toBeUndefined();
  });
});

describe("a native listener behind a CONNECT proxy", () => {
  let emu: RelayEmulator;
  let target: TestTarget;
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };

  beforeAll(async () => {
    emu = await startTestEmulator();
    target = await startTestTarget("/");
  });
  afterAll(async () => {
    await target.close();
    await emu.stop();
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) v === undefined ? delete process.env[k] : (process.env[k] = v);
  });

  /** A data plane whose worker sees `HTTP_PROXY` (the worker copies the environment when it starts). */
  async function planeBehind(proxyUrl: string): Promise<RecordingDataPlane> {
    process.env.HTTP_PROXY = proxyUrl;
    delete process.env.NO_PROXY;
    const dp = new RecordingDataPlane("native");
    await dp.plane.start();
    return dp;
  }

  it("connects its control channel and rendezvous through the proxy and serves", async () => {
    const proxy = await connectProxy("relay-user:s3cret");
    const dp = await planeBehind(proxy.url.replace("http://", "http://relay-user:s3cret@"));
    try {
      const spec = emulatorSpec(emu, target.url);
      await dp.online(spec);
      const body = randomBytes(100 * 1024); // > 64 kB: fetched over a rendezvous, also through the proxy
      const res = await sendThroughRelay(emu, "/ecs-core/hash", { method: "POST", body });
      expect(JSON.parse(res.body.toString("utf8"))).toEqual({ bytes: body.length, sha256: sha256(body) });
      expect(proxy.tunnels.length).toBeGreaterThanOrEqual(2);
      expect(new Set(proxy.tunnels)).toEqual(new Set([emu.namespaceHost]));
      await dp.stopListener(spec.listenerId);
    } finally {
      await dp.plane.stop(500);
      await proxy.close();
    }
  });

  it("uses the proxy of the plugin's setting (configure) over the environment's", async () => {
    const proxy = await connectProxy();
    const dp = await planeBehind("http://127.0.0.1:1"); // the environment's proxy would refuse every connection
    try {
      dp.plane.send({ type: "configure", options: { proxy: { url: proxy.url } } });
      const spec = emulatorSpec(emu, target.url);
      await dp.online(spec);
      expect((await sendThroughRelay(emu, "/ecs-core/status/200")).status).toBe(200);
      expect(proxy.tunnels).toEqual([emu.namespaceHost]);
      await dp.stopListener(spec.listenerId);
    } finally {
      await dp.plane.stop(500);
      await proxy.close();
    }
  });

  it("reports a proxy asking for credentials as PROXY_AUTH_REQUIRED, without echoing any credential", async () => {
    const proxy = await connectProxy("relay-user:s3cret");
    const dp = await planeBehind(proxy.url.replace("http://", "http://relay-user:wrong@"));
    try {
      const spec = emulatorSpec(emu, target.url);
      dp.plane.send({ type: "start", listener: spec });
      const down = await dp.waitFor((e) => e.type === "down" && e.listenerId === spec.listenerId);
      expect(down).toMatchObject({ signal: { kind: "network", code: "PROXY_AUTH_REQUIRED", message: expect.stringMatching(/HTTP 407/) } });
      expect(JSON.stringify(dp.events)).not.toMatch(/wrong|relay-user/);
      expect(proxy.tunnels).toEqual([]);
    } finally {
      await dp.plane.stop(500);
      await proxy.close();
    }
  });
});
