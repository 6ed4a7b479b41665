/**
 * The native engine (issue 10 item 1): the listener's side of the Hybrid Connections protocol on ws 8, one control
 * channel per lifecycle and never a reconnect of its own (retrying is the supervisor's decision). The control
 * channel is `sb-hc-action=listen` with a stable `sb-hc-id` (listener-id.ts) and the token in
 * `ServiceBusAuthorization`; it carries `request` (small ones inline, others as an address to dial:
 * rendezvous.ts), `accept` (accept.ts) and our `renewToken` (token-renewal.ts); pings watch it (keep-alive.ts).
 */
import WebSocket from "ws";
import { createTargetAgents, type TargetAgents } from "../forward-context";
import type { RelayWebSocket } from "../hyco-internals";
import { listenUri } from "../listen-uri";
import type { ResolvedDataPlaneOptions } from "../options";
import type { ListenerSpec, RelaySignal } from "../protocol";
import { closeChannelGently } from "../relay-connection";
import type { EngineEvents, RelayEngine } from "../relay-engine";
import { redact, signalFromClose, signalFromError } from "../relay-signal";
import { createSasToken } from "../sas-token";
import { handleAccept, rejectSender } from "./accept";
import { KeepAlive } from "./keep-alive";
import { stableListenerId } from "./listener-id";
import { proxyOptions } from "./outbound-proxy";
import { openRequestRendezvous } from "./rendezvous";
import { RequestReader } from "./request-exchange";
import { TokenRenewal } from "./token-renewal";
import { parseCommand, type AcceptCommand } from "./wire";

/** A relay that does not complete the listen handshake in this time is treated as unreachable. */
const HANDSHAKE_TIMEOUT_MS = 30_000;

export function createNativeEngine(spec: ListenerSpec, options: () => ResolvedDataPlaneOptions, events: EngineEvents): RelayEngine {
  return new NativeEngine(spec, options, events);
}

/** The full control-channel URI, `sb-hc-id` included. */
export function nativeListenUri(spec: ListenerSpec): string {
  const base = listenUri(spec.namespace, spec.hybridConnectionName, spec.secure);
  return `${base}&sb-hc-id=${encodeURIComponent(stableListenerId(spec.registrationId))}`;
}

class NativeEngine implements RelayEngine {
  private ws?: WebSocket;
  private reported = false;
  private keepAlive?: KeepAlive;
  private renewal?: TokenRenewal;
  /** For WebSocket senders passed through to the target (made on the first one). */
  private agents?: TargetAgents;

  constructor(
    private readonly spec: ListenerSpec,
    private readonly options: () => ResolvedDataPlaneOptions,
    private readonly events: EngineEvents,
  ) {}

  get controlChannel(): RelayWebSocket | undefined {
    return this.ws as unknown as RelayWebSocket | undefined;
  }

  connect(): RelaySignal | undefined {
    let ws: WebSocket;
    try {
      const uri = nativeListenUri(this.spec);
      ws = new WebSocket(uri, {
        ...proxyOptions(uri),
        headers: { ServiceBusAuthorization: this.token() },
        perMessageDeflate: false, // Azure refuses it; hyco-https offers it anyway
        handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      });
    } catch (error) {
      this.reported = true;
      return signalFromError(error);
    }
    this.ws = ws;
    ws.on("error", (error) => this.report(signalFromError(error)));
    ws.on("close", (code, reason) => this.report(signalFromClose(code, reason)));
    ws.once("open", () => this.onOpen(ws));
    return undefined;
  }

  markClosing(): void {
    this.stopTimers();
  }

  closeGently(settle: () => Promise<void>, ms: number): Promise<void> {
    this.stopTimers();
    // The same careful close as for hyco-https.
    return closeChannelGently(this.controlChannel, settle, ms);
  }

  closeForGood(): void {
    this.stopTimers();
    this.ws?.terminate();
    this.agents?.http.destroy();
    this.agents?.https.destroy();
  }

  private onAccept(command: AcceptCommand): void {
    // The registration's own setting wins; without one, the installation's (options.ts).
    if ((this.spec.webSockets ?? this.options().webSockets) === "refuse") return rejectSender(command, 403, "WebSocket senders are refused by this listener's settings");
    const agents = (this.agents ??= createTargetAgents());
    const track = (ws: RelayWebSocket): void => this.events.requestChannel(ws);
    handleAccept(command, { target: this.spec, agents, timeoutMs: this.options().targetTimeoutMs, track });
  }

  private token(): string {
    const { namespace, hybridConnectionName, keyName, key } = this.spec;
    return createSasToken({ namespace, hybridConnectionName, keyName, key, lifetimeSeconds: this.options().tokenLifetimeSeconds });
  }

  private onOpen(ws: WebSocket): void {
    if (!this.events.listening()) return this.closeForGood();
    const reader = new RequestReader(ws, ws, this.events, false);
    ws.on("message", (data, isBinary) => {
      // A throw in our handling means this listener's state can no longer be trusted: it is recycled (fault).
      try {
        this.onMessage(ws, reader, data as Buffer, isBinary);
      } catch (error) {
        this.events.fault(error);
      }
    });
    ws.once("close", () => reader.abandonBody());
    const keepAliveMs = this.options().keepAliveMs;
    this.keepAlive = new KeepAlive(ws, keepAliveMs, () => this.dead(ws, keepAliveMs));
    this.keepAlive.start();
    this.renewal = new TokenRenewal(ws, () => this.token(), () => this.options().tokenLifetimeSeconds, (error) => this.renewalFailed(ws, error), () => this.events.renewedToken?.());
    this.renewal.start();
  }

  private onMessage(ws: WebSocket, reader: RequestReader, data: Buffer, isBinary: boolean): void {
    if (isBinary) {
      reader.onBodyData(data); // an inline body: one message of at most 64 kB
      return reader.onBodyEnd();
    }
    const command = parseCommand(data.toString());
    if (command.kind === "request" && command.request.method !== undefined) return reader.onRequest(command.request);
    if (command.kind === "request") return void openRequestRendezvous(command.request.address, ws, this.events);
    if (command.kind === "accept") return this.onAccept(command.accept);
  }

  /** No pong to a ping for a whole keep-alive interval: the connection is half-open. Report it plainly, then cut. */
  private dead(ws: WebSocket, silentMs: number): void {
    this.report({ kind: "close", code: 1006, reason: `the relay did not answer a keep-alive ping within ${Math.round(silentMs / 1000)} s` });
    this.stopTimers();
    ws.terminate();
  }

  private renewalFailed(ws: WebSocket, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.report({ kind: "network", code: "TOKEN_RENEWAL_FAILED", message: redact(`the listener's token could not be renewed: ${message}`) });
    this.stopTimers();
    ws.terminate();
  }

  /** The first failure or close is the one reported (ws emits `close` after `error`). */
  private report(signal: RelaySignal): void {
    if (this.reported) return;
    this.reported = true;
    this.stopTimers();
    this.events.lost(signal);
  }

  private stopTimers(): void {
    this.keepAlive?.stop();
    this.renewal?.stop();
  }
}
