/** The request body limit (`maxBodyBytes`), enforced while streaming. */
import { Transform, type TransformCallback } from "node:stream";

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
  }
}

/** Counts request body bytes and fails the stream past the limit (the relay strips Content-Length, so we must count). */
export class BodyLimit extends Transform {
  bytes = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(this.bytes > this.max ? new TooLargeError(this.max) : null, chunk);
  }
}
