/**
 * HTTP/1.1 over a raw TCP socket, for tests that must see exactly what a server writes and when it
 * closes: a request head is written, then a body in chunks (stopping quietly when the server closes),
 * and every byte received is kept until the server ends the connection.
 *
 *   const r = await rawExchange(port, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n", [Buffer.from("{}")]);
 *   r.responses[0].status; r.serverClosed; r.reset;
 */
import * as net from "node:net";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawExchange {
  /** Every response parsed from the bytes received (Content-Length framed, or up to the close). */
  responses: RawResponse[];
  /** The server ended the connection (FIN). */
  serverClosed: boolean;
  /** The connection was reset (ECONNRESET) before the server's FIN. */
  reset: boolean;
  /** Bytes of body written before the server stopped accepting them. */
  bodyBytesWritten: number;
}

export interface RawOptions {
  /** Local address to connect from (e.g. 127.0.0.2: another client address on loopback). */
  localAddress?: string;
  /** Give up (and destroy the socket) after this many ms; default 10 000. */
  timeoutMs?: number;
}

/** Writes `head`, then `body` chunk by chunk, and collects the answer until the server closes. */
export function rawExchange(port: number, head: string, body: Iterable<Buffer> = [], options: RawOptions = {}): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1", localAddress: options.localAddress });
    const received: Buffer[] = [];
    const result: RawExchange = { responses: [], serverClosed: false, reset: false, bodyBytesWritten: 0 };
    const timer = setTimeout(() => socket.destroy(), options.timeoutMs ?? 10_000);
    socket.on("data", (chunk) => received.push(chunk));
    socket.on("end", () => {
      result.serverClosed = true;
      socket.end();
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNRESET" && !result.serverClosed) result.reset = true;
    });
    socket.on("close", () => {
      clearTimeout(timer);
      result.responses = parseResponses(Buffer.concat(received).toString("latin1"));
      resolve(result);
    });
    socket.once("connect", () => void writeAll(socket, head, body, result));
  });
}

async function writeAll(socket: net.Socket, head: string, body: Iterable<Buffer>, result: RawExchange): Promise<void> {
  if (!write(socket, Buffer.from(head, "latin1"))) await drained(socket);
  for (const chunk of body) {
    if (socket.destroyed || socket.readableEnded || !socket.writable) return;
    result.bodyBytesWritten += chunk.length;
    if (!write(socket, chunk)) await drained(socket);
  }
}

function write(socket: net.Socket, data: Buffer): boolean {
  return socket.writable ? socket.write(data, () => undefined) : true;
}

function drained(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off("drain", done).off("close", done).off("end", done);
      resolve();
    };
    socket.on("drain", done).on("close", done).on("end", done);
  });
}

/** Splits the received text into responses (Content-Length or chunked framing; else the rest). */
export function parseResponses(text: string): RawResponse[] {
  const out: RawResponse[] = [];
  let rest = text;
  while (rest.startsWith("HTTP/")) {
    const headEnd = rest.indexOf("\r\n\r\n");
    if (headEnd < 0) break;
    const lines = rest.slice(0, headEnd).split("\r\n");
    const status = Number(lines[0].split(" ")[1]);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    let after = rest.slice(headEnd + 4);
    let body: string;
    if (headers["content-length"] !== undefined) {
      body = after.slice(0, Number(headers["content-length"]));
      after = after.slice(Number(headers["content-length"]));
    } else if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
      ({ body, after } = unchunk(after));
    } else {
      body = after;
      after = "";
    }
    out.push({ status, headers, body });
    rest = after;
  }
  return out;
}

function unchunk(text: string): { body: string; after: string } {
  let body = "";
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf("\r\n");
    if (lineEnd < 0) return { body, after: "" };
    const size = parseInt(rest.slice(0, lineEnd), 16);
    rest = rest.slice(lineEnd + 2);
    if (!size) return { body, after: rest.slice(rest.indexOf("\r\n") + 2) };
    body += rest.slice(0, size);
    rest = rest.slice(size + 2);
  }
}

/** `count` chunks of `size` bytes of "a" (a body without a single byte of real content). */
export function* filler(count: number, size = 64 * 1024): Iterable<Buffer> {
  const chunk = Buffer.alloc(size, "a");
  for (let i = 0; i < count; i++) yield chunk;
}

/** The same chunks in HTTP chunked framing, with the final 0-length chunk. */
export function* chunked(chunks: Iterable<Buffer>): Iterable<Buffer> {
  for (const chunk of chunks) yield Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
  yield Buffer.from("0\r\n\r\n");
}
