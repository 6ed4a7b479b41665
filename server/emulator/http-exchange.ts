/**
 * One relayed HTTP request, from the sender's request to the end of the listener's response (checklist 10-16).
 * Small requests go inline on the control channel (JSON, then exactly one binary message); others as an
 * address-only `request`, then JSON + body message on the rendezvous socket; later requests of the same sender
 * connection reuse that socket. The response may come on either.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { streamBodyAsOneMessage } from "./body-stream";
import { EmulatorContext, rendezvousAddress, systemTracker } from "./context";
import type { PendingExchange, RelayListener } from "./listeners";
import { failHttp, REASONS, relayReason } from "./relay-errors";
import { RendezvousSession, type SessionUser } from "./rendezvous-session";
import { RelayResponseHead, senderHeaders } from "./response-reader";

export interface RelayedRequest {
  id: string;
  requestTarget: string;
  method: string;
  requestHeaders: Record<string, string>;
  remoteEndpoint: { address?: string; port?: number };
  /** Whether a body message follows the JSON. */
  body: boolean;
}

/** inline: on the control channel; fetch: address-only, the listener dials; reuse: the connection's open rendezvous. */
export type ExchangeRoute = { kind: "inline" } | { kind: "fetch" } | { kind: "reuse"; session: RendezvousSession };

export class HttpExchange implements PendingExchange, SessionUser {
  private done = false;
  private dropped = false;
  private headWritten = false;
  private responseHead?: RelayResponseHead;
  /** Body bytes that arrived while the head was held back (fault delay). */
  private readonly heldChunks: Buffer[] = [];
  private bodyEnded = false;
  private stallTimer?: NodeJS.Timeout;
  private waitingForDrain = false;
  private session?: RendezvousSession;
  /** Until the response head is delivered (504 when it fires). */
  private responseTimer?: NodeJS.Timeout;
  /** Fault-delay timers, cleared at cleanup. */
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly address: string;
  private readonly counters;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly hc: string,
    private readonly listener: RelayListener,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly request: RelayedRequest,
    private readonly route: ExchangeRoute,
  ) {
    this.address = rendezvousAddress(ctx, hc, "request", request.id);
    this.counters = ctx.stats.of(hc);
  }

  start(): void {
    this.counters.requests++;
    this.ctx.rendezvous.register(this.request.id, { kind: "request", hybridConnection: this.hc, onUpgrade: (r, s, h) => this.onRendezvousUpgrade(r, s, h) });
    this.listener.pending.set(this.request.id, this);
    this.responseTimer = setTimeout(() => this.fail(504, REASONS.listenerTimeout), this.ctx.responseTimeoutMs).unref();
    // The sender went away: tear down the rendezvous with 1001 (brief §3).
    this.res.on("close", () => this.done || this.cleanup(1001));
    if (this.route.kind === "inline") return this.sendInline();
    if (this.route.kind === "reuse") return this.useSession(this.route.session);
    // Address-only form: no `method` (hyco-https) and no `body` (.NET) means "fetch it via rendezvous".
    this.listener.send(JSON.stringify({ request: { address: this.address, id: this.request.id } }));
  }

  private sendInline(): void {
    const chunks: Buffer[] = [];
    this.req.on("data", (c: Buffer) => {
      chunks.push(c);
      this.counters.bytesIn += c.length;
    });
    this.req.on("end", () => {
      if (this.done) return;
      const body = Buffer.concat(chunks);
      // JSON and body back to back, synchronously: nothing can come between them on the socket.
      this.listener.send(JSON.stringify({ request: { address: this.address, ...this.request, body: body.length > 0 } }));
      if (body.length > 0) this.listener.send(body, true);
    });
  }

  private onRendezvousUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.ctx.wss.handleUpgrade(req, socket, head, (ws) => this.useSession(new RendezvousSession(ws, this.hc, this.listener, this.ctx.log)));
  }

  private useSession(session: RendezvousSession): void {
    if (this.done) return session.close(1001, "Sender gone");
    this.session = session;
    session.current = this;
    if (this.route.kind === "inline") return; // response upgrade: the request was already delivered, never re-send it
    session.ws.send(JSON.stringify({ request: { address: this.address, ...this.request } }));
    if (this.request.body) streamBodyAsOneMessage(this.req, session.ws, (n) => (this.counters.bytesIn += n));
  }

  sinkFor(requestId: string): HttpExchange | undefined {
    return requestId === this.request.id ? this : undefined;
  }

  rendezvousClosed(): void {
    if (!this.done) this.fail(502, REASONS.listenerGone);
  }

  head(head: RelayResponseHead): void {
    if (this.done || this.responseHead) return;
    this.responseHead = head;
    const fault = this.ctx.faults.takeResponseFault(this.hc);
    if (fault?.drop) return void (this.dropped = true); // the sender will get the 504
    if (fault?.delayMs) return void this.timers.push(setTimeout(() => this.writeHead(), fault.delayMs).unref());
    this.writeHead();
  }

  bodyChunk(data: Buffer): void {
    if (this.done || this.dropped || data.length === 0) return;
    this.counters.bytesOut += data.length;
    if (!this.headWritten) return void this.heldChunks.push(data);
    this.writeChunk(data);
  }

  bodyEnd(): void {
    if (this.done || this.dropped) return;
    this.bodyEnded = true;
    if (this.headWritten) this.finish();
  }

  listenerGone(): void {
    // A response may still arrive on an open rendezvous socket.
    if (!this.session) this.fail(502, REASONS.listenerGone);
  }

  private writeHead(): void {
    if (this.done) return;
    clearTimeout(this.responseTimer);
    const h = this.responseHead!;
    try {
      const reason = h.statusDescription ?? STATUS_CODES[h.statusCode] ?? "Unknown";
      this.res.writeHead(h.statusCode, reason.replace(/[^\t\x20-\x7e\x80-\xff]/g, " "), senderHeaders(h, this.ctx.namespaceHost()));
    } catch (err) {
      return this.fail(502, `The listener sent an invalid response (${(err as Error).message}).`);
    }
    this.headWritten = true;
    if (!h.body) return this.finish();
    this.heldChunks.splice(0).forEach((c) => this.writeChunk(c));
    if (this.bodyEnded) return this.finish();
    this.res.flushHeaders(); // the sender sees the head while the body is still coming
    this.armStallTimer();
  }

  /** Streams to the sender; a slow sender pauses the rendezvous socket (backpressure instead of buffering). */
  private writeChunk(data: Buffer): void {
    this.armStallTimer();
    if (this.res.write(data)) return;
    const ws = this.session?.ws;
    if (!ws || this.waitingForDrain) return;
    this.waitingForDrain = true;
    ws.pause();
    this.res.once("drain", () => {
      this.waitingForDrain = false;
      ws.resume();
    });
  }

  /** A response body idle as long as the response timeout is cut off (brief §4). */
  private armStallTimer(): void {
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => this.fail(504, REASONS.listenerTimeout), this.ctx.responseTimeoutMs).unref();
  }

  private finish(): void {
    if (!this.res.writableEnded) this.res.end();
    this.cleanup(1000);
  }

  private fail(status: number, text: string): void {
    if (this.done) return;
    this.counters.errors++;
    if (this.headWritten) this.res.destroy(); // too late for a status: cut the sender off
    else failHttp(this.res, status, relayReason(text, systemTracker(this.ctx, this.hc)));
    this.cleanup(status === 504 ? 1011 : 1001);
  }

  private cleanup(code: number): void {
    this.done = true;
    clearTimeout(this.responseTimer);
    clearTimeout(this.stallTimer);
    this.timers.forEach(clearTimeout);
    this.listener.pending.delete(this.request.id);
    this.ctx.rendezvous.release(this.request.id);
    const session = this.session;
    if (!session || session.current !== this) return;
    session.current = undefined;
    // A request rendezvous stays with the sender's connection for its later requests; response-upgrade sockets are
    // closed (hyco-https reads no requests on them).
    if (code === 1000 && this.route.kind !== "inline") this.ctx.rendezvousPool.park(this.req.socket, session);
    else session.close(code, code === 1000 ? "Done" : "Sender gone");
  }
}
