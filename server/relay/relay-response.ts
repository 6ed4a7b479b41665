/**
 * A real `Writable` over hyco-https's ServerResponse, so `pipeline()` can drive it. hyco-https's response never
 * emits `finish`, never calls `end(cb)` back, reports no backpressure (its `write()` result is meaningless) and
 * throws on `write()` after `end()`. This sink supplies all four: it waits while the WebSocket under the response
 * is connecting or has more than HIGH_WATER bytes queued, and finishes only once the last frame was handed over.
 */
import type { IncomingMessage } from "node:http";
import { Writable } from "node:stream";
import WebSocket from "ws";
import { WS_CONNECTING, WS_OPEN, type HycoResponse, type RelayWebSocket } from "./hyco-internals";

/** Bytes queued on the relay WebSocket above which we stop pulling from the target. */
const HIGH_WATER = 1024 * 1024;
/** How often to look at the WebSocket's queue while it is above HIGH_WATER. */
const POLL_MS = 2;

export class RelayClosedError extends Error {
  constructor() {
    super("the relay connection for this response closed");
  }
}

export class RelayResponseSink extends Writable {
  /** Response body bytes accepted so far. */
  bytes = 0;

  constructor(private readonly res: HycoResponse) {
    super({ highWaterMark: 64 * 1024 });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, callback: (error?: Error | null) => void): void {
    try {
      this.res.write(chunk);
    } catch (error) {
      return callback(error as Error);
    }
    this.bytes += chunk.length;
    whenRoom(this.res, HIGH_WATER, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    try {
      this.res.end();
    } catch (error) {
      return callback(error as Error);
    }
    // Done only when hyco-https has handed every frame to an open socket (a rendezvous may still be connecting).
    whenSent(this.res, callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    callback(error);
  }
}

/**
 * Calls back once hyco-https has handed every frame of `res` (after `end()`) to an open socket, or with a
 * RelayClosedError if that socket closed first. Shared by the sink and the forwarder's one-shot small answers.
 */
export function whenSent(res: HycoResponse, callback: (error?: Error | null) => void): void {
  whenRoom(res, Number.POSITIVE_INFINITY, callback);
}

/** Calls back once the WebSocket under `res` is open and has at most `limit` bytes queued. */
function whenRoom(res: HycoResponse, limit: number, callback: (error?: Error | null) => void): void {
  const ws = res.socket;
  if (!ws) return callback(); // still buffering inside hyco-https (bounded by its 64 KiB threshold)
  if (ws.readyState === WS_CONNECTING) {
    const retry = (): void => {
      ws.off("open", retry);
      ws.off("close", retry);
      setImmediate(whenRoom, res, limit, callback); // let hyco-https flush on 'open' first
    };
    ws.on("open", retry);
    ws.on("close", retry);
    return;
  }
  if (ws.readyState !== WS_OPEN) return callback(new RelayClosedError());
  if (res.output.length === 0 && ws.bufferedAmount <= limit) return callback();
  setTimeout(whenRoom, POLL_MS, res, limit, callback);
}

/**
 * Connects a response that has no socket yet to its request's rendezvous address now, instead of letting
 * hyco-https pick the control channel at `end()`. Used when the control channel is about to close for a drain: a
 * relay fails the control-channel requests of a departed listener unless their rendezvous is already open.
 * Resolves once the response's socket is open, or has failed (never rejects).
 */
export function openRendezvous(res: HycoResponse): Promise<void> {
  if (!res.socket && res._rendezvousAddress) {
    const ws = new WebSocket(res._rendezvousAddress, { perMessageDeflate: false }) as unknown as RelayWebSocket;
    ws.on("open", () => res._flush()); // what hyco-https does for its own rendezvous: send what is buffered
    res.socket = res.connection = ws;
    res.emit("socket", ws); // lets in-flight tracking watch it (and handle its errors)
  }
  const ws = res.socket;
  if (!ws || ws.readyState !== WS_CONNECTING) return Promise.resolve();
  return new Promise((resolve) => {
    const settled = (): void => {
      ws.off("open", settled);
      ws.off("close", settled);
      resolve();
    };
    ws.on("open", settled);
    ws.on("close", settled);
  });
}

/** True while a response still depends on the control channel (no socket, or its rendezvous is still connecting). */
export function needsRendezvous(res: HycoResponse): boolean {
  return !res.socket || res.socket.readyState === WS_CONNECTING;
}

/**
 * Forgets a response that has not reached any socket yet (hyco-https buffers up to 64 KiB before choosing one), so
 * a different answer can be given instead. False when something may already be on its way to the sender.
 */
export function discardUnsent(res: HycoResponse): boolean {
  if (res.socket || res.finished) return false;
  res.output = [];
  res.outputFrameBinary = [];
  res.outputCallbacks = [];
  res.outputSize = 0;
  res._headerSent = false;
  res._hasBody = true;
  res.statusMessage = undefined;
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  return true;
}

/**
 * The target failed in the middle of a body: the sender must not receive it as complete. Closing the rendezvous
 * socket cuts the sender's connection; a response still buffered for the control channel is simply never sent
 * (the relay then answers the sender with its own timeout error).
 */
export function abandonResponse(req: IncomingMessage, res: HycoResponse): void {
  const socket = res.socket;
  if (socket && socket !== (req.socket as unknown)) socket.terminate();
  else if (res._rendezvousChannel) res._rendezvousChannel.terminate();
}
