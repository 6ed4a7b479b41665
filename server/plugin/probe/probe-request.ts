/**
 * Sends the probe request through the relay's public address, as any cloud sender would:
 * `https://<namespace>/<hybridConnection>/.well-known/azure-relay-probe` with a `ServiceBusAuthorization` SAS token
 * (http:// for the local emulator). A fresh connection each time (no keep-alive): the probe measures the real path,
 * not a warm socket, and leaves nothing open behind it. Through the same outbound proxy as the native engine's relay
 * connections (setting azure-relay.proxyUrl / proxyBypass, else HTTPS_PROXY / HTTP_PROXY / NO_PROXY).
 */
import http from "node:http";
import https from "node:https";
import { PROBE_ANSWER_HEADER, PROBE_NONCE_HEADER, PROBE_PATH } from "../../relay/probe-responder";
import { createSasToken } from "../../relay/sas-token";
import { ConnectTunnelAgent, proxyFor } from "../../relay/native/outbound-proxy";

export interface ProbeCall {
  namespace: string;
  hybridConnectionName: string;
  secure: boolean;
  keyName: string;
  key: string;
  nonce: string;
  timeoutMs: number;
  /** The plugin's proxy settings (data-plane-config.ts proxySettingsFrom); absent: the environment's. */
  proxy?: { url?: string; noProxy?: string };
}

/** What came back; every time is measured from the start of the request. */
export interface ProbeExchange {
  /** This host's wall clock at the start (epoch ms, sub-ms): compared with the listener's `receivedAt`. */
  startedAt?: number;
  /** When the connection to the relay stood (TCP, and TLS on https). */
  connectedMs?: number;
  /** The answer's status, if one came. */
  status?: number;
  /** Its reason phrase (the relay's own errors say what is wrong there too). */
  reason?: string;
  /** The probe answer header of the answer, if any. */
  answer?: string;
  /** The answer's body, at most MAX_BODY bytes (only a listener's own answer is read for its host id). */
  body?: string;
  totalMs: number;
  /** No answer: a socket error (its code) or the timeout. */
  failure?: { kind: "network"; code: string } | { kind: "timeout" };
}

const MAX_BODY = 4096;

export function probeUrl(call: Pick<ProbeCall, "namespace" | "hybridConnectionName" | "secure">): string {
  const path = call.hybridConnectionName.split("/").map(encodeURIComponent).join("/");
  return `${call.secure ? "https" : "http"}://${call.namespace}/${path}${PROBE_PATH}`;
}

export function sendProbe(call: ProbeCall, now: () => number = performanceNow, wallClock: () => number = epochNow): Promise<ProbeExchange> {
  const started = now();
  const startedAt = wallClock();
  const since = (): number => Math.round((now() - started) * 100) / 100;
  const token = createSasToken({ namespace: call.namespace, hybridConnectionName: call.hybridConnectionName, keyName: call.keyName, key: call.key, lifetimeSeconds: 300 });
  const url = probeUrl(call);
  let agent: http.Agent | false = false;
  try {
    const proxy = proxyFor(url, process.env, call.proxy ?? {});
    if (proxy) agent = new ConnectTunnelAgent(proxy);
  } catch (error) {
    return Promise.resolve({ totalMs: since(), failure: { kind: "network", code: (error as { code?: string }).code ?? "PROXY_UNSUPPORTED" } });
  }
  return new Promise((resolve) => {
    const result: ProbeExchange = { startedAt, totalMs: 0 };
    let settled = false;
    const finish = (extra: Partial<ProbeExchange>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ ...result, ...extra, totalMs: since() });
    };
    const headers = { ServiceBusAuthorization: token, [PROBE_NONCE_HEADER]: call.nonce, "cache-control": "no-cache" };
    const req = (call.secure ? https : http).request(url, { method: "GET", headers, agent }, (res) => {
      result.status = res.statusCode;
      if (res.statusMessage) result.reason = res.statusMessage.slice(0, 300);
      const answer = res.headers[PROBE_ANSWER_HEADER];
      if (typeof answer === "string") result.answer = answer;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        if (size < MAX_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", () => finish({ body: Buffer.concat(chunks).subarray(0, MAX_BODY).toString("utf8") }));
      res.on("error", () => finish({}));
    });
    req.on("socket", (socket) => {
      // A proxy tunnel's socket arrives connected (and TLS set up); a direct one connects now.
      if (agent || !socket.connecting) result.connectedMs = since();
      else socket.once(call.secure ? "secureConnect" : "connect", () => (result.connectedMs = since()));
    });
    req.on("error", (error: NodeJS.ErrnoException) => finish({ failure: { kind: "network", code: error.code ?? error.name } }));
    const timer = setTimeout(() => finish({ failure: { kind: "timeout" } }), call.timeoutMs);
    req.end();
  });
}

function performanceNow(): number {
  return performance.now();
}

/** Wall-clock epoch ms with sub-ms resolution, as the listener's answer gives its `receivedAt` (probe-responder.ts). */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
