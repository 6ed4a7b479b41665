/**
 * The relayed upload limit (`maxBodyBytes`) for requests arriving on a rendezvous socket (bodies over 64 kB, or
 * streamed). hyco-https receives such a body as ONE WebSocket message and hands it over only once complete; its
 * ws 6 client buffers the message meanwhile and, past 100 MiB, destroys the socket — the sender got 502 "listener
 * went away" and the buffered megabytes lingered. So we take over ws's size check: after every piece read from the
 * socket, the size of the message being received (ws counts each frame in full as soon as its header is parsed, so
 * a declared frame length is seen before its bytes) is compared with the limit. Past it, the socket is no longer
 * parsed, what was buffered is dropped, and the request's body fails with TooLargeError: the forwarder answers 413
 * on this socket, and the listener then closes it (`cutRendezvous`) so the rest of the upload is never read.
 */
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { TooLargeError } from "./body-limit";
import type { RelayWebSocket } from "./hyco-internals";

/**
 * How long a refused upload is still received (and discarded, not kept) before its rendezvous is closed. Closing
 * makes the relay drop the sender's connection; a sender still writing its body would then hit a reset before it
 * read the 413 that is already on its way (seen with Node's client: EPIPE, no response). One second lets the answer
 * arrive first.
 */
const LINGER_MS = 1000;
/** After the close frame, how long the relay gets to end the connection before it is cut. */
const CUT_GRACE_MS = 2000;

/** Watches every request body on rendezvous socket `ws` against `maxBytes()` (read per check: options may change). */
export function guardRequestBodies(ws: RelayWebSocket, maxBytes: () => number): void {
  const receiver = ws._receiver;
  const socket = ws._socket;
  if (!receiver || !socket) return;
  // Ours is the limit now: ws's own check would destroy the socket before a 413 could be written. Ours runs after
  // every chunk ws parsed, so at most one socket read (64 KiB) passes the limit before it is noticed.
  receiver._maxPayload = 0;
  // ws 6 also refuses a message of more than 16 384 fragments (destroying the socket: 502 again). The relay decides
  // the fragment size, so an honest upload could trip it below the limit; the payload check bounds memory anyway.
  receiver._maxFragments = 0;
  const check = (): void => {
    const req = ws.pendingRequest as IncomingMessage | null | undefined;
    if (!req) return;
    const limit = maxBytes();
    if (receiver._totalPayloadLength <= limit) return;
    ws.pendingRequest = null;
    stopReading(ws);
    // The forwarder listens while it waits for the body; if it no longer does, nobody wants this body at all.
    if (req.listenerCount("error") > 0) req.emit("error", new TooLargeError(limit));
    else cutRendezvous(ws);
  };
  socket.on("data", check);
}

/**
 * Closes a rendezvous whose request body was refused while still arriving: at once, nothing more of the upload is
 * parsed or kept; after LINGER_MS the close frame follows the answer already handed to the socket.
 */
export function cutRendezvous(ws: RelayWebSocket): void {
  stopReading(ws);
  setTimeout(() => {
    try {
      ws.close(1009, "request body too large");
    } catch {
      ws.terminate();
    }
    setTimeout(() => ws.terminate(), CUT_GRACE_MS).unref();
  }, LINGER_MS).unref();
}

/** True once the guard refused a body on `ws`: the socket is no longer parsed and must be closed after the answer. */
export function bodyRefused(ws: RelayWebSocket): boolean {
  return ws._socket ? stopped.has(ws._socket) : false;
}

/** True when `req`'s body has not fully arrived (its end not yet pushed). */
export function bodyStillArriving(req: IncomingMessage): boolean {
  return !(req as unknown as { _readableState?: { ended?: boolean } })._readableState?.ended;
}

const stopped = new WeakSet<Socket>();

/** Stops feeding ws's parser (as ws itself does on a receive error) and frees what it buffered; the socket is drained. */
function stopReading(ws: RelayWebSocket): void {
  const socket = ws._socket;
  const receiver = ws._receiver;
  if (!socket || stopped.has(socket)) return;
  stopped.add(socket);
  socket.removeAllListeners("data");
  socket.on("data", discard);
  socket.resume(); // ws may have paused it for backpressure
  if (receiver) {
    receiver._buffers = [];
    receiver._bufferedBytes = 0;
    receiver._fragments = [];
    receiver._totalPayloadLength = 0;
  }
}

function discard(): void {
  // the rest of a refused upload, until the relay closes the connection
}
