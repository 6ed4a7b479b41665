/**
 * One relay listener: a hyco-https server on one hybrid connection, reduced to exactly ONE connection lifecycle
 * (protocol.ts): connecting → online → down. hyco-https would reconnect forever on its own (0,1,2,5,10,30 s, even
 * after 401/404) and its close() does not cancel a pending reconnect; retrying is the supervisor's decision, so we
 * set the server's `closeRequested` flag from listeners placed BEFORE hyco-https's own on the control channel — its
 * handlers then never schedule a reconnect — and close at once any connection that still opens late.
 */
import moment from "moment";
import type { IncomingMessage } from "node:http";
import { createTargetAgents, forwardRequest } from "./forwarder";
import type { HycoResponse, HycoServer, RelayWebSocket } from "./hyco-internals";
import { InFlight } from "./in-flight";
import { listenUri } from "./listen-uri";
import type { ResolvedDataPlaneOptions } from "./options";
import type { ListenerSpec, RelaySignal, TrafficSnapshot, WorkerEvent } from "./protocol";
import { redact, signalFromClose, signalFromError } from "./relay-signal";
import { needsRendezvous, openRendezvous } from "./relay-response";
import { RemoteEndpoints } from "./remote-endpoints";
import { createSasToken } from "./sas-token";
import { TrafficCounter } from "./traffic";

/** hyco-https's `createRelayedServer`, injected so that only the worker entry ever loads the library. */
export type CreateRelayedServer = (
  options: { server: string; token: () => string; keepAliveTimeout: unknown },
  handler: (req: IncomingMessage, res: never) => void,
) => unknown;

type Phase =
  | { name: "idle" }
  | { name: "connecting"; server: HycoServer }
  | { name: "online"; server: HycoServer }
  | { name: "draining"; server: HycoServer; done: Promise<void> }
  | { name: "down" };

/** After a teardown, rendezvous sockets get this long to finish their close handshake before being cut. */
const SOCKET_CLOSE_GRACE_MS = 1000;
/** After aborting what is in flight, how long to wait for those requests to settle before the final report. */
const ABORT_SETTLE_MS = 100;

export class RelayListener {
  private phase: Phase = { name: "idle" };
  private readonly traffic = new TrafficCounter();
  private readonly inFlight = new InFlight();
  private readonly endpoints = new RemoteEndpoints();
  private readonly agents = createTargetAgents();

  constructor(
    readonly spec: ListenerSpec,
    private readonly options: () => ResolvedDataPlaneOptions,
    private readonly emit: (event: WorkerEvent) => void,
    private readonly createServer: CreateRelayedServer,
  ) {}

  get id(): string {
    return this.spec.listenerId;
  }

  get isDown(): boolean {
    return this.phase.name === "down";
  }

  start(): void {
    if (this.phase.name !== "idle") return;
    const { namespace, hybridConnectionName, keyName, key, secure } = this.spec;
    const server = this.createServer(
      {
        server: listenUri(namespace, hybridConnectionName, secure),
        // A function, so hyco-https renews the token in place (hourly) instead of presenting an expired one.
        token: () => createSasToken({ namespace, hybridConnectionName, keyName, key, lifetimeSeconds: this.options().tokenLifetimeSeconds }),
        keepAliveTimeout: moment.duration(this.options().keepAliveMs),
      },
      (req, res) => this.onRequest(req, res as unknown as HycoResponse),
    ) as HycoServer;
    server.on("listening", () => this.onListening(server));
    server.on("requestchannel", (ws: RelayWebSocket) => {
      this.inFlight.trackSocket(ws);
      this.endpoints.watch(ws);
    });
    this.phase = { name: "connecting", server };
    this.emit({ type: "connecting", listenerId: this.id });
    try {
      server.listen();
    } catch (error) {
      return this.fail(signalFromError(error)); // e.g. a namespace that makes an invalid URL
    }
    this.watchControlChannel(server);
  }

  /** Drains (bounded by `drainMs`) and closes; idempotent. Resolves once `down` was posted. */
  stop(drainMs: number): Promise<void> {
    const phase = this.phase;
    switch (phase.name) {
      case "idle":
        this.phase = { name: "down" };
        this.emit({ type: "down", listenerId: this.id });
        return Promise.resolve();
      case "connecting":
        return this.finish(phase.server);
      case "online": {
        // The phase changes before the drain's first step runs, so every event from here on sees "draining".
        const draining: Extract<Phase, { name: "draining" }> = { name: "draining", server: phase.server, done: Promise.resolve() };
        this.phase = draining;
        draining.done = this.drain(phase.server, drainMs);
        return draining.done;
      }
      case "draining":
        return phase.done;
      case "down":
        return Promise.resolve();
      default:
        return assertNever(phase);
    }
  }

  /** The counters, if they changed since the last call. */
  takeTraffic(): TrafficSnapshot | undefined {
    return this.traffic.changed ? this.traffic.snapshot() : undefined;
  }

  private watchControlChannel(server: HycoServer): void {
    const channel = server.controlChannel;
    if (!channel) return;
    // prependListener: ours must run before hyco-https's onerror/onclose, which would schedule the reconnect.
    channel.prependListener("error", (error: unknown) => {
      server.closeRequested = true;
      if (this.isCurrent(server)) this.fail(signalFromError(error));
    });
    channel.prependListener("close", (code: number, reason: unknown) => {
      server.closeRequested = true;
      if (this.isCurrent(server)) this.fail(signalFromClose(code, reason));
    });
    this.endpoints.watch(channel);
  }

  /** True while this server's connection lifecycle is live (not draining, not down). */
  private isCurrent(server: HycoServer): boolean {
    return (this.phase.name === "connecting" || this.phase.name === "online") && this.phase.server === server;
  }

  private onListening(server: HycoServer): void {
    if (this.phase.name === "connecting" && this.phase.server === server) {
      this.phase = { name: "online", server };
      this.emit({ type: "online", listenerId: this.id });
      return;
    }
    // A connection hyco-https opened although we are done with it (zombie): close it at once, for good.
    server.closeRequested = true;
    server.controlChannel?.terminate();
  }

  private onRequest(req: IncomingMessage, res: HycoResponse): void {
    const phase = this.phase;
    if (phase.name !== "online" && phase.name !== "draining") return refuse(res);
    this.traffic.started();
    const flight = this.inFlight.begin(req, res, phase.server.controlChannel);
    if (phase.name === "draining") void openRendezvous(res); // the control channel is about to close
    const clientAddress = this.endpoints.take(res.requestId);
    forwardRequest(req, res, { target: this.spec, options: this.options(), agents: this.agents, clientAddress, signal: flight.signal })
      .then((outcome) => this.traffic.finished(outcome))
      .catch((error: unknown) => this.emit({ type: "fault", listenerId: this.id, message: redact(String(error)) }))
      .finally(() => flight.end());
  }

  /**
   * Drain: first move every in-flight answer off the control channel (open its rendezvous), then close the control
   * channel so the relay routes no more requests here, then wait for the answers — all within `drainMs`.
   */
  private async drain(server: HycoServer, drainMs: number): Promise<void> {
    server.closeRequested = true;
    const deadline = Date.now() + drainMs;
    // Requests can still arrive until the channel closes, hence the loop.
    for (let pending = this.awaitingRendezvous(); pending.length > 0 && Date.now() < deadline; pending = this.awaitingRendezvous()) {
      await within(Promise.all(pending.map(openRendezvous)), deadline - Date.now());
    }
    server.controlChannel?.close(1000, "listener stopping");
    await within(this.inFlight.whenIdle(), deadline - Date.now());
    await this.finish(server);
  }

  private awaitingRendezvous(): HycoResponse[] {
    return this.inFlight.responses().filter(needsRendezvous);
  }

  private fail(signal: RelaySignal): void {
    if (this.phase.name !== "connecting" && this.phase.name !== "online") return;
    void this.finish(this.phase.server, signal);
  }

  /** Tears everything down and posts the last traffic and `down`. No socket or timer of this listener survives. */
  private async finish(server: HycoServer, signal?: RelaySignal): Promise<void> {
    this.phase = { name: "down" };
    server.closeRequested = true;
    this.inFlight.abortAll();
    server.close(() => undefined); // callback form: never throws (it would if the channel never existed)
    server.controlChannel?.terminate();
    // Aborted exchanges settle at once; give their outcomes a moment to reach the counters before the last report.
    await within(this.inFlight.whenIdle(), ABORT_SETTLE_MS);
    this.inFlight.closeSockets();
    setTimeout(() => this.inFlight.terminateSockets(), SOCKET_CLOSE_GRACE_MS).unref();
    this.agents.http.destroy();
    this.agents.https.destroy();
    this.emit({ type: "traffic", listenerId: this.id, traffic: this.traffic.snapshot() });
    this.emit(signal ? { type: "down", listenerId: this.id, signal } : { type: "down", listenerId: this.id });
  }
}

/** Waits for `promise`, but at most `ms` (and leaves no timer behind). */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, ms))))]);
  clearTimeout(timer);
}

/** A request reaching a listener that is already down (a late rendezvous): answer 503 rather than leave it hanging. */
function refuse(res: HycoResponse): void {
  try {
    res.writeHead(503);
    res.end(Buffer.from("Service Unavailable: this relay listener is stopping.\n"));
  } catch {
    // nothing more we can do for it
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
