import { listenUri } from "../../server/relay/listen-uri";
import { DEFAULT_DATA_PLANE_OPTIONS, resolveOptions } from "../../server/relay/options";
import { signalFromClose, signalFromError } from "../../server/relay/relay-signal";

describe("relay signals", () => {
  it("reads a refused handshake's status from ws's error text", () => {
    expect(signalFromError(new Error("Unexpected server response: 401"))).toEqual({ kind: "handshake", status: 401 });
    expect(signalFromError(new Error("Unexpected server response: 404"))).toEqual({ kind: "handshake", status: 404 });
  });

  it("keeps a socket error's code", () => {
    const err = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(signalFromError(err)).toEqual({ kind: "network", code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:1" });
  });

  it("never passes a token on", () => {
    const signal = signalFromError(new Error("bad SharedAccessSignature sr=x&sig=abc&se=1&skn=k here"));
    expect(JSON.stringify(signal)).not.toMatch(/sig=abc/);
    expect(signalFromClose(1008, Buffer.from("expired sig=abc"))).toEqual({ kind: "close", code: 1008, reason: "expired sig=[redacted]" });
  });
});

describe("listen URI", () => {
  it("is built by hand with the port kept and each path segment encoded", () => {
    expect(listenUri("127.0.0.1:9351", "ecs-core", false)).toBe("ws://127.0.0.1:9351/$hc/ecs-core?sb-hc-action=listen");
    expect(listenUri("ns.servicebus.windows.net", "team/a b", true)).toBe("wss://ns.servicebus.windows.net/$hc/team/a%20b?sb-hc-action=listen");
  });
});

describe("data-plane options", () => {
  it("defaults to the documented values (README configuration table, docs/security)", () => {
    // Written out, not derived from the constants: a changed default must change this line and the documentation.
    expect(DEFAULT_DATA_PLANE_OPTIONS.maxBodyBytes).toBe(104_857_600); // 100 MiB
    expect(DEFAULT_DATA_PLANE_OPTIONS.targetTimeoutMs).toBe(60_000);
    expect(DEFAULT_DATA_PLANE_OPTIONS.keepAliveMs).toBe(30_000);
    // Pinned: hyco-https renews a token every 60 min, so a default of 3600 s or less would expire at the renewal.
    expect(DEFAULT_DATA_PLANE_OPTIONS.tokenLifetimeSeconds).toBe(7_200);
  });

  it("overlays given fields on the defaults", () => {
    expect(resolveOptions(DEFAULT_DATA_PLANE_OPTIONS, { targetTimeoutMs: 500 })).toEqual({
      maxBodyBytes: 104_857_600,
      targetTimeoutMs: 500,
      keepAliveMs: 30_000,
      tokenLifetimeSeconds: 7_200,
      targetGuard: {},
      engine: "native",
      webSockets: "pass",
      proxy: {},
      journal: { enabled: true, keepQueryValues: false, redactHeaders: [] },
    });
    expect(resolveOptions(DEFAULT_DATA_PLANE_OPTIONS, {})).toEqual(DEFAULT_DATA_PLANE_OPTIONS);
    // A journal patch keeps the fields it does not name.
    expect(resolveOptions(DEFAULT_DATA_PLANE_OPTIONS, { journal: { enabled: false } }).journal).toEqual({ enabled: false, keepQueryValues: false, redactHeaders: [] });
  });

  it("rejects non-positive or non-numeric values, naming the field", () => {
    expect(() => resolveOptions(DEFAULT_DATA_PLANE_OPTIONS, { maxBodyBytes: -1 })).toThrow(/maxBodyBytes/);
    expect(() => resolveOptions(DEFAULT_DATA_PLANE_OPTIONS, { keepAliveMs: 0 })).toThrow(/keepAliveMs/);
    expect(() => resolveOptions(DEFAULT_DATA_PLANE_OPTIONS, { keepAliveMs: Number.NaN })).toThrow(/keepAliveMs/);
    expect(() => resolveOptions(DEFAULT_DATA_PLANE_OPTIONS, { engine: "fast" as never })).toThrow(/engine must be one of native, hyco-https/);
  });

  it("takes maxBodyBytes 0 as no limit, and an engine name", () => {
    expect(resolveOptions(DEFAULT_DATA_PLANE_OPTIONS, { maxBodyBytes: 0 }).maxBodyBytes).toBe(Number.POSITIVE_INFINITY);
    expect(resolveOptions(DEFAULT_DATA_PLANE_OPTIONS, { engine: "native" }).engine).toBe("native");
  });
});
