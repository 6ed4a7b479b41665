/**
 * The common path without stream objects. hyco-https hands a request over with its body either absent (it has
 * already pushed the end) or delivered later as one WebSocket message, and most target answers are small with a
 * Content-Length. For those, a Transform, a Writable wrapper and two pipelines per request cost more CPU (and
 * garbage) than the forwarding itself (bench/FINDINGS.md §1); these helpers take whole buffers instead.
 */
import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import type { BodyStart } from "./body-framing";

/** Answers up to this size are collected and sent with one `res.end(body)` (hyco-https buffers 64 KiB anyway). */
export const SMALL_RESPONSE = 64 * 1024;

interface ReadableInternals {
  _readableState?: { ended?: boolean };
}

/**
 * The whole request body if the stream already holds all of it (its end pushed), else undefined. Synchronous: a
 * bodiless GET never waits a tick. Node exposes no public "end pushed but not yet emitted" flag, hence the peek.
 */
export function bufferedBody(body: Readable): BodyStart | undefined {
  if (!(body as unknown as ReadableInternals)._readableState?.ended) return undefined;
  const chunk = body.read() as Buffer | null; // an ended stream returns everything buffered, and then emits 'end'
  if (chunk === null) return { chunks: [], bytes: 0, complete: true };
  return { chunks: [chunk], bytes: chunk.length, complete: true };
}

/** True when the target declared a body small enough to collect (`content-length` ≤ SMALL_RESPONSE). */
export function isSmallResponse(targetRes: IncomingMessage): boolean {
  const declared = targetRes.headers["content-length"];
  return declared !== undefined && Number(declared) <= SMALL_RESPONSE;
}

/**
 * Collects a whole (small) response body. Calls back once: with the body after 'end', or with an error if the
 * stream failed or closed before its end (a target that broke off mid-answer).
 */
export function collectBody(stream: IncomingMessage, done: (error: Error | undefined, body?: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let settled = false;
  const settle = (error: Error | undefined): void => {
    if (settled) return;
    settled = true;
    stream.off("data", onData);
    if (error) return done(error);
    done(undefined, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, bytes));
  };
  const onData = (chunk: Buffer): void => {
    chunks.push(chunk);
    bytes += chunk.length;
  };
  stream.on("data", onData);
  stream.once("end", () => settle(undefined));
  stream.on("error", (error: Error) => settle(error)); // `on`: a late second error must not go unhandled
  // 'close' follows every 'end' too: build the error (and its stack) only when it really came first.
  stream.once("close", () => settled || settle(new Error("the target closed its answer before the end")));
}
