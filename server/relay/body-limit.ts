/** The request body limit (`maxBodyBytes`), enforced while streaming. */
import { Transform, type TransformCallback } from "node:stream";

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
  }
}

/** Pieces a body is passed on in, so each one's delivery to the target shows as progress (see forwarder.ts). */
export const PIECE = 64 * 1024;

/**
 * Counts request body bytes and fails the stream past the limit (the relay strips Content-Length, so we must count).
 * Large chunks (hyco-https delivers a body as one) leave in PIECE-sized views of the same memory, not copies.
 */
export class BodyLimit extends Transform {
  bytes = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max) return callback(new TooLargeError(this.max));
    for (let offset = 0; offset < chunk.length; offset += PIECE) this.push(chunk.subarray(offset, offset + PIECE));
    callback();
  }
}
