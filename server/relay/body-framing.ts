/**
 * How the request body is framed towards the target. The relay strips Content-Length and Transfer-Encoding, and
 * Node's client chunks a body by default only for methods that usually carry one: an OPTIONS or DELETE body would
 * go out unframed and corrupt the connection. So we look at the start of the body first: none → no framing; all
 * of it already here (hyco-https delivers a body as one piece) → Content-Length; still arriving → chunked.
 */
import type { OutgoingHttpHeaders } from "node:http";
import { Readable } from "node:stream";

/** Past this many bytes without seeing the end, stop collecting and stream the rest (chunked). */
const PEEK_LIMIT = 64 * 1024;

export interface BodyStart {
  /** What was read so far (references to the stream's own buffers, not copies). */
  chunks: Buffer[];
  bytes: number;
  /** True when `chunks` are the whole body. */
  complete: boolean;
}

/** Reads the start of `body`: everything if it ends soon, else at least PEEK_LIMIT bytes. */
export function readBodyStart(body: Readable): Promise<BodyStart> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let settled = false;
    const settle = (complete: boolean): void => {
      if (settled) return;
      settled = true;
      body.off("readable", onReadable).off("end", onEnd).off("error", onError);
      resolve({ chunks, bytes, complete });
    };
    const onEnd = (): void => settle(true);
    const onError = (error: Error): void => {
      settled = true;
      body.off("readable", onReadable).off("end", onEnd);
      reject(error);
    };
    const onReadable = (): void => {
      for (let chunk = body.read() as Buffer | null; chunk !== null; chunk = body.read() as Buffer | null) {
        chunks.push(chunk);
        bytes += chunk.length;
      }
      // 'end' follows on the next tick when the body is complete; only then decide it is still streaming.
      if (bytes >= PEEK_LIMIT) setImmediate(() => settle(body.readableEnded));
    };
    body.on("readable", onReadable).once("end", onEnd).once("error", onError);
  });
}

/** Sets the framing headers for a body that starts with `start`. */
export function frameBody(headers: OutgoingHttpHeaders, start: BodyStart): void {
  delete headers["content-length"];
  delete headers["transfer-encoding"];
  if (!start.complete) headers["transfer-encoding"] = "chunked";
  else if (start.bytes > 0) headers["content-length"] = String(start.bytes);
}

/** The whole body again as one stream: what was read, then (if incomplete) the rest of `body`. */
export function replayBody(body: Readable, start: BodyStart): Readable {
  return Readable.from(
    (async function* () {
      yield* start.chunks;
      if (!start.complete) {
        // Not destroyed when the target stops taking it: the forwarder may still read (and count) the rest.
        for await (const chunk of body.iterator({ destroyOnReturn: false })) yield chunk as Buffer;
      }
    })(),
    { objectMode: false },
  );
}
