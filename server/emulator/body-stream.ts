/**
 * Streams a sender's request body into a rendezvous socket as ONE binary WebSocket message made of fragments
 * (hyco-https takes exactly one message as the body), without buffering the whole body: the sender is paused while
 * a fragment is in flight. Small chunks are coalesced (>= 16 KiB or 20 ms) because ws 6 clients refuse messages of
 * more than 16,384 fragments.
 */
import type { Readable } from "node:stream";
import type WebSocket from "ws";

const MIN_FRAGMENT = 16 * 1024;
const FLUSH_MS = 20;

export function streamBodyAsOneMessage(body: Readable, ws: WebSocket, onBytes: (n: number) => void): void {
  let parts: Buffer[] = [];
  let size = 0;
  let inFlight = false;
  let ended = false;
  let timer: NodeJS.Timeout | undefined;

  const flush = (fin: boolean) => {
    clearTimeout(timer);
    timer = undefined;
    if (ws.readyState !== ws.OPEN) return;
    const data = Buffer.concat(parts);
    parts = [];
    size = 0;
    inFlight = true;
    ws.send(data, { binary: true, fin }, () => {
      inFlight = false;
      if (ended) return void (fin || flush(true));
      if (size >= MIN_FRAGMENT) return flush(false);
      body.resume();
      if (size > 0) schedule();
    });
  };
  const schedule = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      if (!inFlight && size > 0) flush(false);
    }, FLUSH_MS);
  };

  body.on("data", (chunk: Buffer) => {
    onBytes(chunk.length);
    parts.push(chunk);
    size += chunk.length;
    if (inFlight) return void body.pause();
    if (size >= MIN_FRAGMENT) {
      body.pause();
      flush(false);
    } else {
      schedule();
    }
  });
  body.on("end", () => {
    ended = true;
    // The final (possibly empty) fragment carries FIN; if a send is in flight its callback sends it.
    if (!inFlight) flush(true);
  });
  body.on("close", () => clearTimeout(timer));
}
