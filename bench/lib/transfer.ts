/**
 * One large streamed HTTP transfer (download or upload) with constant memory on the sending side: the body is
 * generated 64 KiB at a time and the answer only counted, so the bench itself never holds the payload.
 */
import http from "node:http";
import { Readable } from "node:stream";

export interface TransferResult {
  status: number;
  /** Response body bytes received. */
  received: number;
  seconds: number;
  /** Set when the transfer broke off (socket hang up, reset, timeout). */
  error?: string;
}

/** `size` zero bytes as a stream of 64 KiB chunks. */
export function zeroStream(size: number): Readable {
  const chunk = Buffer.alloc(64 * 1024, 0x7a);
  let left = size;
  return Readable.from(
    (function* () {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        yield chunk.subarray(0, n);
      }
    })(),
  );
}

/** GET (no body) or POST `uploadBytes` to `url`; resolves (never rejects) once the answer ended or the transfer failed. */
export function transfer(url: string, headers: Record<string, string>, uploadBytes?: number, timeoutMs = 120_000): Promise<TransferResult> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  return new Promise((resolve) => {
    let received = 0;
    let status = 0;
    const method = uploadBytes === undefined ? "GET" : "POST";
    const req = http.request(url, { method, headers: { ...headers, "content-type": "application/octet-stream" }, agent: false }, (res) => {
      status = res.statusCode ?? 0;
      res.on("data", (c: Buffer) => (received += c.length));
      res.on("end", () => resolve({ status, received, seconds: seconds() }));
      res.on("error", (e) => resolve({ status, received, seconds: seconds(), error: e.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no progress for ${timeoutMs} ms`)));
    req.on("error", (e) => resolve({ status, received, seconds: seconds(), error: e.message }));
    if (uploadBytes === undefined) req.end();
    else zeroStream(uploadBytes).pipe(req);
  });
}
