/**
 * One relayed HTTP request, from the sender's request to the end of the listener's response (checklist 10-16).
 * Small requests go inline on the control channel (JSON, then exactly one binary message); others as an
 * address-only `request`, then JSON + body message on the rendezvous socket; later requests of the same sender
 * connection reuse that socket. The response may come on either.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { streamBodyAsOneMessage } from "./body-stream";
import { EmulatorContext, rendezvousAddress, systemTracker } from "./context";
import type { PendingExchange, RelayListener } from "./listeners";
import { failHttp, REASONS, relayReason } from "./relay-errors";
import { RendezvousSession, type SessionUser } from "./rendezvous-session";
import type { RelayResponseHead } from "./response-reader";
import { ResponseRelay } from "./response-relay";
import type { HcCounters } from "./stats";

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

/**
 * How long a request whose listener closed its control channel waits for that listener to connect to the request's
 * rendezvous address before the sender gets 502. A listener that closes while a request is on the wire still has it.
 */
export const LISTENER_GONE_GRACE_MS = 5_000;

export class HttpExchange implements PendingExchange, SessionUser {
  private done = false;
  private session?: RendezvousSession;
  private goneTimer?: NodeJS.Timeout;
  private readonly address: string;
  private readonly counters: HcCounters;
  private readonly response: ResponseRelay;

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
    this.response = new ResponseRelay(ctx, hc, res, this.counters, {
      complete: () => this.cleanup(1000),
      fail: (status, text) => this.fail(status, text),
      source: () => this.session?.ws,
    });
  }

  start(): void {
    this.counters.requests++;
    this.ctx.rendezvous.register(this.request.id, { kind: "request", hybridConnection: this.hc, onUpgrade: (r, s, h) => this.onRendezvousUpgrade(r, s, h) });
    this.listener.pending.set(this.request.id, this);
    this.response.start();
    // The sender went away: tear down the rendezvous with 1001 (relay-protocol-notes.md §3).
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
    if (!this.done) this.fail(502, REASONS.rendezvousClosedEarly);
  }

  head(head: RelayResponseHead): void {
    if (!this.done) this.response.head(head);
  }
  bodyChunk(data: Buffer): void {
    if (!this.done) this.response.bodyChunk(data);
  }
  bodyEnd(): void {
    if (!this.done) this.response.bodyEnd();
  }

  listenerGone(): void {
    // A response may still arrive on an open rendezvous socket — or on one the listener is opening right now: a request's
    // address stays valid after the control channel closes (relay-protocol-notes.md §3), and a draining listener answers there.
    if (this.session || this.done) return;
    this.goneTimer = setTimeout(() => {
      if (!this.session) this.fail(502, REASONS.listenerGone);
    }, LISTENER_GONE_GRACE_MS);
  }

  private fail(status: number, text: string): void {
    if (this.done) return;
    this.counters.errors++;
    if (this.response.headWritten) this.res.destroy(); // too late for a status: cut the sender off
    else failHttp(this.res, status, relayReason(text, systemTracker(this.ctx, this.hc)));
    this.cleanup(status === 504 ? 1011 : 1001);
  }

  private cleanup(code: number): void {
    this.done = true;
    clearTimeout(this.goneTimer);
    this.response.dispose();
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
