import type { RelaySignal } from "../../../server/relay/protocol";
import { CLASSIFICATION_KEYS, classifyFailure } from "../../../server/plugin/supervisor";

type Row = [label: string, signal: RelaySignal | undefined, verdict: "fatal" | "transient", state: string, code: string];

const hs = (status: number): RelaySignal => ({ kind: "handshake", status });
const close = (code: number): RelaySignal => ({ kind: "close", code, reason: "" });
const net = (code: string): RelaySignal => ({ kind: "network", code, message: `connect ${code} 10.0.0.1:443` });

/** Every row of the table, plus the fallbacks. */
const ROWS: Row[] = [
  ["handshake:400", hs(400), "fatal", "FAILED", "RELAY_BAD_REQUEST"],
  ["handshake:401", hs(401), "fatal", "UNAUTHORIZED", "RELAY_UNAUTHORIZED"],
  ["handshake:403", hs(403), "fatal", "UNAUTHORIZED", "RELAY_FORBIDDEN"],
  ["handshake:404", hs(404), "fatal", "NOT_FOUND", "RELAY_NOT_FOUND"],
  ["handshake:410", hs(410), "transient", "RECONNECTING", "RELAY_GONE"],
  ["handshake:429", hs(429), "transient", "RECONNECTING", "RELAY_THROTTLED"],
  ["handshake:5xx", hs(500), "transient", "RECONNECTING", "RELAY_SERVICE_ERROR"],
  ["handshake:5xx", hs(503), "transient", "RECONNECTING", "RELAY_SERVICE_ERROR"],
  ["close:1000", close(1000), "transient", "RECONNECTING", "RELAY_CLOSED"],
  ["close:1001", close(1001), "transient", "RECONNECTING", "RELAY_GOING_AWAY"],
  ["close:1006", close(1006), "transient", "RECONNECTING", "RELAY_CONNECTION_LOST"],
  ["close:1008", close(1008), "transient", "RECONNECTING", "RELAY_TOKEN_EXPIRED"],
  ["close:1011", close(1011), "transient", "RECONNECTING", "RELAY_SERVICE_ERROR"],
  ["network:ECONNREFUSED", net("ECONNREFUSED"), "transient", "RECONNECTING", "RELAY_UNREACHABLE"],
  ["network:ENOTFOUND", net("ENOTFOUND"), "fatal", "FAILED", "RELAY_HOST_NOT_FOUND"],
  ["network:EAI_AGAIN", net("EAI_AGAIN"), "transient", "RECONNECTING", "RELAY_DNS_UNAVAILABLE"],
  ["network:ETIMEDOUT", net("ETIMEDOUT"), "transient", "RECONNECTING", "RELAY_TIMEOUT"],
  ["network:ECONNRESET", net("ECONNRESET"), "transient", "RECONNECTING", "RELAY_CONNECTION_LOST"],
  ["network:EHOSTUNREACH", net("EHOSTUNREACH"), "transient", "RECONNECTING", "RELAY_UNREACHABLE"],
  ["network:ENETUNREACH", net("ENETUNREACH"), "transient", "RECONNECTING", "RELAY_UNREACHABLE"],
  ["network:CERT", net("CERT_HAS_EXPIRED"), "fatal", "FAILED", "RELAY_TLS_UNTRUSTED"],
  ["network:CERT", net("DEPTH_ZERO_SELF_SIGNED_CERT"), "fatal", "FAILED", "RELAY_TLS_UNTRUSTED"],
  ["network:CERT", net("UNABLE_TO_VERIFY_LEAF_SIGNATURE"), "fatal", "FAILED", "RELAY_TLS_UNTRUSTED"],
  ["network:CERT", net("ERR_TLS_CERT_ALTNAME_INVALID"), "fatal", "FAILED", "RELAY_TLS_UNTRUSTED"],
  ["network:PROXY_AUTH_REQUIRED", net("PROXY_AUTH_REQUIRED"), "fatal", "FAILED", "PROXY_AUTH_REQUIRED"],
  ["network:PROXY_REFUSED", net("PROXY_REFUSED"), "transient", "RECONNECTING", "PROXY_REFUSED"],
  ["network:PROXY_UNSUPPORTED", net("PROXY_UNSUPPORTED"), "fatal", "FAILED", "PROXY_UNSUPPORTED"],
  ["listener:fault", { kind: "fault", message: "ReferenceError: Extensions is not defined" }, "transient", "RECONNECTING", "RELAY_LISTENER_FAULT"],
  ["unknown", undefined, "transient", "RECONNECTING", "RELAY_ERROR"],
  ["unknown", hs(418), "transient", "RECONNECTING", "RELAY_ERROR"],
  ["unknown", close(4000), "transient", "RECONNECTING", "RELAY_ERROR"],
  ["unknown", net("EWHATEVER"), "transient", "RECONNECTING", "RELAY_ERROR"],
];

describe("failure classification table", () => {
  test.each(ROWS)("%s (%j) → %s %s %s", (_key, signal, verdict, state, code) => {
    const c = classifyFailure(signal);
    expect(c).toMatchObject({ verdict, state, code });
    expect(c.message.length).toBeGreaterThan(10);
    expect(c.advice.length).toBeGreaterThan(10);
  });

  test("the rows above cover every key of the table", () => {
    expect(new Set(ROWS.map((r) => r[0]))).toEqual(new Set(CLASSIFICATION_KEYS));
  });

  test("fatal verdicts are exactly the ones new settings can fix (the classifier's own answers)", () => {
    for (const [, signal] of ROWS) {
      const { verdict, state } = classifyFailure(signal);
      expect({ signal, fatal: verdict === "fatal" }).toEqual({ signal, fatal: state !== "RECONNECTING" });
    }
  });

  test("each row's key is the row of the table the classifier used (no two keys give the same answer by accident)", () => {
    const answers = new Map<string, string>();
    for (const [key, signal] of ROWS) {
      const { code, state, verdict } = classifyFailure(signal);
      const answer = `${code} ${state} ${verdict}`;
      expect([key, answers.get(key) ?? answer]).toEqual([key, answer]);
      answers.set(key, answer);
    }
  });

  test("advice an admin can act on", () => {
    expect(classifyFailure(hs(401)).advice).toBe(
      "The relay rejected the key. Copy the Primary Connection String again from the namespace's Shared access policies and rotate the key.",
    );
    expect(classifyFailure(hs(403)).advice).toMatch(/^This key has no Listen right — use a rule with Listen \(a Listen-only rule is best\)\./);
    expect(classifyFailure(hs(404)).advice).toMatch(/Hybrid Connections > \+ Hybrid Connection/);
    expect(classifyFailure(net("ENOTFOUND")).advice).toMatch(/\*\.servicebus\.windows\.net on port 443/);
    expect(classifyFailure(close(1008)).advice).toMatch(/fresh token/);
    expect(classifyFailure(close(1001)).advice).toMatch(/NOT_FOUND/);
  });

  test("unknown signals name what was seen, but never echo the raw relay text", () => {
    expect(classifyFailure(hs(418)).message).toContain("HTTP 418");
    expect(classifyFailure(close(4000)).message).toContain("4000");
    const leaky: RelaySignal = { kind: "network", code: "EWEIRD", message: "failed: SharedAccessKey=c2VjcmV0c2VjcmV0c2VjcmV0" };
    const c = classifyFailure(leaky);
    expect(JSON.stringify(c)).not.toContain("c2VjcmV0");
    const leakyClose: RelaySignal = { kind: "close", code: 1008, reason: "sig=abcdef&se=1" };
    expect(JSON.stringify(classifyFailure(leakyClose))).not.toContain("abcdef");
  });
});
