/**
 * The sender's side of a relayed response (checklist 13-16): status, reason phrase and headers as the listener sent
 * them plus `Via`; the body streamed with backpressure; 504 when no head comes in time or the body stalls as long;
 * fault injection (drop, delay) applied here.
 */
import { STATUS_CODES, type ServerResponse } from "node:http";
import type WebSocket from "ws";
import type { EmulatorContext } from "./context";
import { REASONS } from "./relay-errors";
import { RelayResponseHead, ResponseSink, senderHeaders } from "./response-reader";
import type { HcCounters } from "./stats";

export interface ResponseRelayHooks {
  /** The whole response reached the sender. */
  complete(): void;
  fail(status: number, text: string): void;
  /** The socket the body comes from, paused while the sender is slow. */
  source(): WebSocket | undefined;
}

export class ResponseRelay implements ResponseSink {
  headWritten = false;
  private dropped = false;
  private responseHead?: RelayResponseHead;
  /** Body bytes that arrived while the head was held back (fault delay). */
  private readonly heldChunks: Buffer[] = [];
  private bodyEnded = false;
  private waitingForDrain = false;
  /** Until the head is written (504 when it fires), then the body's idle timer. */
  private timer?: NodeJS.Timeout;
  private delayTimer?: NodeJS.Timeout;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly hc: string,
    private readonly res: ServerResponse,
    private readonly counters: HcCounters,
    private readonly hooks: ResponseRelayHooks,
  ) {}

  /** Starts the clock for the listener's answer. */
  start(): void {
    this.armTimer();
  }

  head(head: RelayResponseHead): void {
    if (this.responseHead) return;
    this.responseHead = head;
    const fault = this.ctx.faults.takeResponseFault(this.hc);
    if (fault?.drop) return void (this.dropped = true); // the timer runs out: the sender gets 504
    if (fault?.delayMs) return void (this.delayTimer = setTimeout(() => this.writeHead(), fault.delayMs).unref());
    this.writeHead();
  }

  bodyChunk(data: Buffer): void {
    if (this.dropped || data.length === 0) return;
    this.counters.bytesOut += data.length;
    if (!this.headWritten) return void this.heldChunks.push(data);
    this.writeChunk(data);
  }

  bodyEnd(): void {
    if (this.dropped) return;
    this.bodyEnded = true;
    if (this.headWritten) this.finish();
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.delayTimer);
  }

  private writeHead(): void {
    const h = this.responseHead!;
    try {
      const reason = h.statusDescription ?? STATUS_CODES[h.statusCode] ?? "Unknown";
      this.res.writeHead(h.statusCode, reason.replace(/[^\t\x20-\x7e\x80-\xff]/g, " "), senderHeaders(h, this.ctx.namespaceHost()));
    } catch (err) {
      return this.hooks.fail(502, `The listener sent an invalid response (${(err as Error).message}).`);
    }
    this.headWritten = true;
    if (!h.body) return this.finish();
    this.heldChunks.splice(0).forEach((c) => this.writeChunk(c));
    if (this.bodyEnded) return this.finish();
    this.res.flushHeaders(); // the sender sees the head while the body is still coming
    this.armTimer();
  }

  /** Streams to the sender; a slow sender pauses the source socket (backpressure instead of buffering). */
  private writeChunk(data: Buffer): void {
    this.armTimer();
    if (this.res.write(data)) return;
    const ws = this.hooks.source();
    if (!ws || this.waitingForDrain) return;
    this.waitingForDrain = true;
    ws.pause();
    this.res.once("drain", () => {
      this.waitingForDrain = false;
      ws.resume();
    });
  }

  /** No head within the response timeout, or a body idle that long: 504 / cut off (relay-protocol-notes.md §4). */
  private armTimer(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.hooks.fail(504, REASONS.listenerTimeout), this.ctx.responseTimeoutMs).unref();
  }

  private finish(): void {
    this.dispose();
    if (!this.res.writableEnded) this.res.end();
    this.hooks.complete();
  }
}
