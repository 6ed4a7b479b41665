/**
 * The request body's way to the target (forwarder.ts decides which). `progress` is called as the target takes
 * pieces: the 504 timer measures the target's silence, not the length of an upload it reads steadily.
 */
import type { ClientRequest, IncomingMessage } from "node:http";
import { pipeline } from "node:stream/promises";
import { BodyLimit, PIECE, TooLargeError } from "./body-limit";
import { replayBody, type BodyStart } from "./body-framing";

/**
 * A body already whole in memory (checked against the limit by the caller): one `end(body)` up to PIECE, else
 * PIECE-sized views (not copies) at the target's pace, each 'drain' counting as progress. No stream objects.
 */
export function sendWhole(targetReq: ClientRequest, start: BodyStart, progress: () => void): void {
  const body = start.chunks.length === 1 ? start.chunks[0] : Buffer.concat(start.chunks, start.bytes);
  if (body.length <= PIECE) {
    targetReq.end(body.length > 0 ? body : undefined);
    return;
  }
  let offset = 0;
  const writePieces = (): void => {
    if (targetReq.destroyed) return;
    progress();
    while (offset < body.length) {
      const piece = body.subarray(offset, offset + PIECE);
      offset += piece.length;
      if (!targetReq.write(piece)) return void targetReq.once("drain", writePieces);
    }
    targetReq.end();
  };
  writePieces();
}

/**
 * A body still arriving: streamed through the size limit with backpressure. Returns the limit (its `bytes` count
 * what passed). `tooLarge` is called once the body goes past `maxBytes`; `ended` once the upload is over any other
 * way (complete, or broken off: those errors surface as the target request's own 'error' or an abort).
 */
export function streamBody(
  req: IncomingMessage,
  start: BodyStart,
  targetReq: ClientRequest,
  maxBytes: number,
  progress: () => void,
  tooLarge: () => void,
  ended: () => void,
): BodyLimit {
  const limit = new BodyLimit(maxBytes);
  pipeline(replayBody(req, start), limit, targetReq).then(ended, (error: unknown) => {
    if (error instanceof TooLargeError) tooLarge();
    else ended();
  });
  limit.on("data", progress);
  return limit;
}
