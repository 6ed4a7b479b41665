/**
 * Reading request bodies under a size limit, and refusing the rest without resetting the connection.
 *
 * A body over the limit is answered 413 with `Connection: close`; the socket is closed by Node only
 * after that response is written. Until then the rest of the upload is read and dropped (never
 * buffered), so the client is not reset while it is still sending and reads the 413.
 * See docs/security/http-and-login.md.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Default limit of a control-plane body (GraphQL documents): 1 MiB, far above any real query. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Thrown when a request body exceeds the limit; `limit` is the limit in bytes. */
export class BodyTooLargeError extends Error {
  readonly code = "PAYLOAD_TOO_LARGE";
  constructor(readonly limit: number) {
    super(`request body over the ${limit}-byte limit`);
  }
}

const refused = new WeakSet<IncomingMessage>();

/** True once `readBody` refused this request's body: its response must close the connection. */
export function bodyWasRefused(req: IncomingMessage | undefined): boolean {
  return !!req && refused.has(req);
}

/**
 * Reads the whole body as UTF-8 text, refusing more than `limit` bytes (default 1 MiB): a declared
 * `Content-Length` over the limit is refused before reading; a chunked or under-declared body when
 * the count passes the limit. Never destroys the socket (that would reset the client before the 413).
 */
export function readBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(refuse(req, limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      req.off("data", onData).off("end", onEnd).off("error", onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done();
      reject(refuse(req, limit));
    };
    const onEnd = (): void => {
      done();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const onError = (error: Error): void => {
      done();
      reject(error);
    };
    req.on("data", onData).on("end", onEnd).on("error", onError);
  });
}

/** Marks the request refused and drops whatever else it sends (read, not buffered) until the socket closes. */
function refuse(req: IncomingMessage, limit: number): BodyTooLargeError {
  refused.add(req);
  req.resume();
  return new BodyTooLargeError(limit);
}

/** Sets `Connection: close` when the request's body was refused (Node then closes after writing the response). */
export function closeIfBodyRefused(res: ServerResponse): void {
  if (bodyWasRefused(res.req) && !res.headersSent) res.setHeader("Connection", "close");
}
