/**
 * A relayed request as the shared forwarder reads it: an IncomingMessage-shaped Readable (`method`, `url`,
 * `headers`, `socket`) whose body is pushed frame by frame as the relay delivers it. Backpressure: when the
 * forwarder (the target) does not keep up, `push` returns false and the socket the body comes from is paused until
 * the forwarder reads again — a body is never held whole in memory.
 */
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import type WebSocket from "ws";
import { nodeHeaders, type RequestCommand } from "./wire";

export class SenderGoneError extends Error {
  constructor() {
    super("the relay closed the request's socket before its body ended (the sender went away)");
  }
}

/**
 * Fragments arriving back to back are passed on as one piece of this size: the target then reads fewer, larger
 * chunks (an upload relayed in 16 KiB fragments costs a slow target 3× the reads, which bench and the 504 test
 * showed). A piece that is not full waits at most COALESCE_MS for more, so a trickling upload is not held back.
 */
const COALESCE_BYTES = 64 * 1024;
const COALESCE_MS = 2;

export class RelayRequest extends Readable {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly httpVersion = "1.1";
  private paused = false;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private flushScheduled = false;

  constructor(
    command: RequestCommand,
    /** The WebSocket the request (and its body) arrives on. */
    readonly socket: WebSocket,
  ) {
    super({ highWaterMark: 64 * 1024 });
    this.method = typeof command.method === "string" && command.method ? command.method.toUpperCase() : "GET";
    this.url = typeof command.requestTarget === "string" && command.requestTarget.startsWith("/") ? command.requestTarget : "/";
    this.headers = nodeHeaders(command.requestHeaders);
    // An error nobody asked about (the forwarder already answered, e.g. 413) must not become an uncaught exception.
    this.on("error", () => undefined);
    if (command.body !== true) this.push(null);
  }

  /** The forwarder-facing type (the forwarder reads only what this class provides). */
  asIncoming(): IncomingMessage {
    return this as unknown as IncomingMessage;
  }

  /** A piece of the body from the relay. */
  pushBody(data: Buffer): void {
    if (this.readableEnded || this.destroyed || data.length === 0) return;
    this.pending.push(data);
    this.pendingBytes += data.length;
    if (this.pendingBytes >= COALESCE_BYTES) return this.flush();
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setTimeout(this.flush, COALESCE_MS);
    }
  }

  /** The body message ended. */
  endBody(): void {
    this.flush();
    if (!this.destroyed) this.push(null);
    this.resumeSocket();
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    if (this.pendingBytes === 0 || this.destroyed) return;
    const piece = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    if (!this.push(piece) && !this.paused) {
      this.paused = true;
      this.socket.pause();
    }
  };

  /** The socket closed before the body ended. */
  abandon(): void {
    if (!this.readableEnded && !this.destroyed) this.destroy(new SenderGoneError());
    this.paused = false;
  }

  override _read(): void {
    this.resumeSocket();
  }

  private resumeSocket(): void {
    if (!this.paused) return;
    this.paused = false;
    this.socket.resume();
  }
}
