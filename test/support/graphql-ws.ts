/**
 * graphql-ws helpers for tests against a test host: a client (bearer token in connectionParams, or the
 * headers a browser would send), the first result of an operation, and a raw handshake that reports
 * whether `connection_init` was acknowledged or which close code refused it.
 */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import type { TestHost } from "./host";

export interface WsResult<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** A lazy client without retries; `headers` go on the upgrade request (Cookie, Origin). */
export function wsClient(host: TestHost, authorization?: string, headers?: Record<string, string>): Client {
  // ws (unlike a browser) lets a test send the Cookie and Origin headers a browser would.
  class WithHeaders extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  return createClient({
    url: `${host.url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: headers ? WithHeaders : WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** The first result of an operation; operation-level errors (graphql-ws rejects with them) come back as `errors`. */
export async function firstResult<T>(client: Client, query: string, variables?: Record<string, unknown>): Promise<WsResult<T>> {
  const iterator = client.iterate<T>({ query, variables });
  try {
    const next = await iterator.next();
    return next.value as never;
  } catch (error) {
    return { errors: error as never };
  } finally {
    await iterator.return?.();
  }
}

/** What a raw graphql-transport-ws handshake came to: acknowledged, or closed with a code before. */
export interface Handshake {
  acknowledged: boolean;
  code?: number;
  reason?: string;
  /** Messages other than connection_ack received before the outcome. */
  messages: unknown[];
}

/** Opens a socket, sends `first` then `connection_init` (with `payload` unless undefined), and reports the outcome. */
export function handshake(host: TestHost, opts: { headers?: Record<string, string>; payload?: unknown; first?: unknown[]; localAddress?: string }): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${host.url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws", { headers: opts.headers, localAddress: opts.localAddress });
    const messages: unknown[] = [];
    socket.on("open", () => {
      for (const message of opts.first ?? []) socket.send(JSON.stringify(message));
      socket.send(JSON.stringify(opts.payload === undefined ? { type: "connection_init" } : { type: "connection_init", payload: opts.payload }));
    });
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { type: string };
      if (message.type === "connection_ack") {
        socket.close(1000);
        return resolve({ acknowledged: true, messages });
      }
      messages.push(message);
    });
    socket.on("close", (code, reason) => resolve({ acknowledged: false, code, reason: String(reason), messages }));
    socket.on("error", reject);
  });
}
