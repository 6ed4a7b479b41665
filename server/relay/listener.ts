/**
 * One relay listener (protocol.ts): exactly ONE connection lifecycle, connecting → online → down, serving relayed
 * requests through the forwarder while online, draining them on stop, and reporting traffic. The connection itself
 * is a RelayEngine (relay-engine.ts): the native engine, or hyco-https (hyco-engine.ts, relay-connection.ts).
 */
import type { IncomingMessage } from "node:http";
import { assertNever } from "./assert-never";
import { createTargetAgents, forwardRequest } from "./forwarder";
import type { HycoResponse } from "./hyco-internals";
import { InFlight, type InFlightRequest } from "./in-flight";
import type { ResolvedDataPlaneOptions } from "./options";
import type { PackedRecords } from "./packed-records";
import type { ListenerSpec, RelaySignal, TrafficSnapshot, WorkerMessage } from "./protocol";
import type { CreateEngine, EngineEvents, RelayEngine } from "./relay-engine";
import { redact, signalFromError, signalFromFault } from "./relay-signal";
import { needsRendezvous, openRendezvous } from "./relay-response";
import { answerProbe } from "./probe-responder";
import { RemoteEndpoints } from "./remote-endpoints";
import { RequestJournalTap } from "./request-journal-tap";
import { bodyRefused, bodyStillArriving, cutRendezvous } from "./request-body-guard";
import { TrafficCounter, type RequestOutcome } from "./traffic";
import { AcceptRefusals, WEBSOCKETS_UNSUPPORTED, type AcceptHandler } from "./websocket-accept";
import { within } from "./within";

export type { CreateRelayedServer } from "./relay-connection";
export type { CreateEngine } from "./relay-engine";

type Phase =
  | { name: "idle" }
  | { name: "connecting"; engine: RelayEngine }
  | { name: "online"; engine: RelayEngine }
  | { name: "draining"; engine: RelayEngine; done: Promise<void> }
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
  private readonly refusals = new AcceptRefusals();
  private finishing?: Promise<void>;
  /** One record per finished request for the journal; absent when it is off (options `journal.enabled`). */
  private readonly journal?: RequestJournalTap;

  /**
   * @param onAccept What to do with WebSocket senders an engine hands over. Default: refuse each with 501
   *   (hyco-https cannot serve them; the native engine passes them through itself and never hands one over).
   */
  constructor(
    readonly spec: ListenerSpec,
    private readonly options: () => ResolvedDataPlaneOptions,
    private readonly emit: (event: WorkerMessage) => void,
    private readonly createEngine: CreateEngine,
    private readonly onAccept: AcceptHandler = (accept) => this.refusals.refuse(accept, WEBSOCKETS_UNSUPPORTED),
  ) {
    const journal = options().journal;
    if (journal.enabled !== false) this.journal = new RequestJournalTap(spec.hybridConnectionName, journal, spec.recordBodies === true, () => this.emitRecords());
  }

  get id(): string {
    return this.spec.listenerId;
  }

  start(): void {
    if (this.phase.name !== "idle") return;
    const events: EngineEvents = {
      listening: () => this.onListening(engine),
      lost: (signal) => this.fail(signal),
      request: (req, res, clientAddress) => this.onRequest(req, res, clientAddress),
      requestChannel: (ws) => this.inFlight.trackSocket(ws),
      channel: (ws) => this.endpoints.watch(ws),
      accept: (accept) => this.phase.name !== "down" && this.onAccept(accept),
      fault: (error) => this.crashed(error),
      renewedToken: () => this.traffic.tokenRenewed(),
    };
    this.emit({ type: "connecting", listenerId: this.id });
    const engine = this.createEngine(this.spec, this.options, events);
    this.phase = { name: "connecting", engine };
    let refused: RelaySignal | undefined;
    try {
      refused = engine.connect();
    } catch (error) {
      // A spec the engine refuses outright (no usable URI): report it like a failed connect, holding nothing.
      this.phase = { name: "down" };
      return this.emit({ type: "down", listenerId: this.id, signal: signalFromError(error) });
    }
    if (refused) this.fail(refused);
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
        return this.finish(phase.engine);
      case "online": {
        // The phase changes before the drain's first step runs, so every event from here on sees "draining".
        const draining: Extract<Phase, { name: "draining" }> = { name: "draining", engine: phase.engine, done: Promise.resolve() };
        this.phase = draining;
        draining.done = this.drain(phase.engine, drainMs);
        return draining.done;
      }
      case "draining":
        return phase.done;
      case "down":
        return Promise.resolve();
      default:
        return assertNever(phase, "listener phase");
    }
  }

  /**
   * Something threw inside this listener (hyco-https or our handlers; worker-main attributes uncaught throws too).
   * Its state can no longer be trusted, so it never stays up: torn down at once and reported `down` with a `fault`
   * signal, which the supervisor answers with a fresh listener (RECONNECTING, then ONLINE).
   */
  crashed(error: unknown): void {
    const message = redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    this.emit({ type: "fault", listenerId: this.id, message });
    const phase = this.phase;
    if (phase.name === "connecting" || phase.name === "online" || phase.name === "draining") void this.finish(phase.engine, signalFromFault(message));
  }

  /** The counters, if they changed since the last call. */
  takeTraffic(): TrafficSnapshot | undefined {
    return this.traffic.changed ? this.traffic.snapshot() : undefined;
  }

  /** The journal records since the last call, if any. */
  takeRecords(): PackedRecords | undefined {
    return this.journal?.take();
  }

  private emitRecords(): void {
    const records = this.journal?.take();
    if (records) this.emit({ type: "requests-packed", batches: [{ listenerId: this.id, records }] });
  }

  /** True if the connection is wanted (the first open of a listener still connecting); false closes it for good. */
  private onListening(engine: RelayEngine): boolean {
    if (this.phase.name !== "connecting" || this.phase.engine !== engine) return false;
    this.phase = { name: "online", engine };
    this.emit({ type: "online", listenerId: this.id });
    return true;
  }

  private onRequest(req: IncomingMessage, res: HycoResponse, knownClientAddress?: string): void {
    const phase = this.phase;
    if (phase.name !== "online" && phase.name !== "draining") return refuse(res);
    if (phase.name === "online" && answerProbe(req, res, this.spec)) return; // end-to-end probe, never forwarded
    this.traffic.started();
    const flight = this.inFlight.begin(req, res, phase.engine.controlChannel);
    if (phase.name === "draining") void openRendezvous(res); // the control channel is about to close
    const clientAddress = knownClientAddress ?? this.endpoints.take(res.requestId);
    const ctx = { target: this.spec, options: this.options(), agents: this.agents, clientAddress, signal: flight.signal, journal: this.journal };
    forwardRequest(req, res, ctx, (outcome) => this.finished(req, res, flight, outcome));
  }

  private finished(req: IncomingMessage, res: HycoResponse, flight: InFlightRequest, outcome: RequestOutcome): void {
    try {
      // Answered (413, or anything else once the guard refused the body) while the body was still arriving on a
      // rendezvous: the answer is out, the rest of the upload is not wanted — close that rendezvous.
      const channel = res._rendezvousChannel;
      if (channel && bodyStillArriving(req) && (outcome.failure === "tooLarge" || bodyRefused(channel))) cutRendezvous(channel);
      this.traffic.finished(outcome);
    } catch (error) {
      this.emit({ type: "fault", listenerId: this.id, message: redact(String(error)) });
    } finally {
      flight.end();
    }
  }

  /**
   * Drain: move every in-flight answer off the control channel (open its rendezvous), close the control channel so
   * the relay routes no more requests here — catching those already on their way (closeChannelGently) — then wait
   * for the answers; all within `drainMs`.
   */
  private async drain(engine: RelayEngine, drainMs: number): Promise<void> {
    engine.markClosing();
    const deadline = Date.now() + drainMs;
    await this.moveOffControlChannel(deadline);
    await engine.closeGently(() => this.moveOffControlChannel(deadline), deadline - Date.now());
    await within(this.inFlight.whenIdle(), deadline - Date.now());
    await this.finish(engine);
  }

  /** Opens the rendezvous of every in-flight request still answering over the control channel (newcomers too). */
  private async moveOffControlChannel(deadline: number): Promise<void> {
    for (let pending = this.awaitingRendezvous(); pending.length > 0 && Date.now() < deadline; pending = this.awaitingRendezvous()) {
      await within(Promise.all(pending.map(openRendezvous)), deadline - Date.now());
    }
  }

  private awaitingRendezvous(): HycoResponse[] {
    return this.inFlight.responses().filter(needsRendezvous);
  }

  private fail(signal: RelaySignal): void {
    if (this.phase.name !== "connecting" && this.phase.name !== "online") return;
    void this.finish(this.phase.engine, signal);
  }

  /** Tears everything down and posts the last traffic and `down`, once. No socket or timer of this listener survives. */
  private finish(engine: RelayEngine, signal?: RelaySignal): Promise<void> {
    this.finishing ??= this.tearDown(engine, signal);
    return this.finishing;
  }

  private async tearDown(engine: RelayEngine, signal?: RelaySignal): Promise<void> {
    this.phase = { name: "down" };
    this.refusals.closeAll();
    this.inFlight.abortAll();
    engine.closeForGood();
    // Aborted exchanges settle at once; give their outcomes a moment to reach the counters before the last report.
    await within(this.inFlight.whenIdle(), ABORT_SETTLE_MS);
    this.inFlight.closeSockets();
    setTimeout(() => this.inFlight.terminateSockets(), SOCKET_CLOSE_GRACE_MS).unref();
    this.agents.http.destroy();
    this.agents.https.destroy();
    this.emitRecords();
    this.emit({ type: "traffic", listenerId: this.id, traffic: this.traffic.snapshot() });
    this.emit(signal ? { type: "down", listenerId: this.id, signal } : { type: "down", listenerId: this.id });
  }
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
