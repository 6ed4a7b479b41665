/**
 * The parts of hyco-https 1.4.5 objects we have to reach past its public surface (relay-protocol-notes.md §5).
 * Every field here was read from node_modules/hyco-https/lib/*.js; nothing else in the data plane touches internals.
 */
import type { EventEmitter } from "node:events";
import type { Socket } from "node:net";

/** The ws@6 client hyco-https uses (its own copy), reduced to what we call. Also fits ws@8. */
export interface RelayWebSocket extends EventEmitter {
  readonly readyState: number;
  readonly bufferedAmount: number;
  close(code?: number, reason?: string): void;
  terminate(): void;
  pong(data?: unknown, mask?: boolean, callback?: (error?: Error) => void): void;
  /** The TCP socket under the WebSocket, once connected. */
  _socket?: Socket | null;
  /** ws 6's message handler property; hyco-https assigns its control-channel and rendezvous handlers here. */
  onmessage?: ((event: { data: unknown }) => void) | null;
  /** ws 6's frame parser (a Writable fed from `_socket`'s 'data'); its fields below are read by request-body-guard.ts. */
  _receiver?: WsReceiver;
  /** Set by hyco-https on a rendezvous socket while a request on it waits for its body message. */
  pendingRequest?: unknown;
}

/** ws 6.2.7's Receiver (lib/receiver.js), reduced to the fields the body-size guard reads and resets. */
export interface WsReceiver {
  /** Refuse (1009, and destroy the socket) a message whose payload would pass this; 0 = no limit. */
  _maxPayload: number;
  /** Refuse (1008, and destroy the socket) a message of more fragments than this; 0 = no limit. */
  _maxFragments: number;
  /** Payload of the message being received, counting each frame in full as soon as its header is parsed. */
  _totalPayloadLength: number;
  /** Bytes received but not yet parsed, and the fragments of the message so far. */
  _buffers: Buffer[];
  _bufferedBytes: number;
  _fragments: Buffer[];
}

export const WS_CONNECTING = 0;
export const WS_OPEN = 1;
export const WS_CLOSED = 3;

/** `https.Server` as replaced by hyco-https (HybridConnectionHttpsServer.js). */
export interface HycoServer extends EventEmitter {
  listen(): void;
  close(callback?: (error: unknown) => void): void;
  /** The control-channel WebSocket of the current connection attempt (replaced on each hyco-https reconnect). */
  controlChannel?: RelayWebSocket;
  /** Once true, hyco-https's close/error handlers do not schedule a reconnect. Never reset by the library. */
  closeRequested: boolean;
  /** A control-channel request waiting for its body message (the next message is that body, not a command). */
  pendingRequest: unknown;
}

/** hyco-https's ServerResponse (a legacy Stream, not a Writable: no `finish`, `end(cb)` never calls back). */
export interface HycoResponse extends EventEmitter {
  statusCode: number;
  requestId: string | null;
  setHeader(name: string, value: string | number | readonly string[]): void;
  writeHead(statusCode: number, reason?: string): void;
  write(chunk: Buffer): unknown;
  end(chunk?: Buffer): unknown;
  /** The WebSocket the response is (or will be) written to: the control channel or a rendezvous socket. */
  socket: RelayWebSocket | null;
  connection: RelayWebSocket | null;
  finished: boolean;
  /** Buffered frames not yet handed to a socket, with their binary flags and callbacks, and their size. */
  output: unknown[];
  outputFrameBinary: boolean[];
  outputCallbacks: unknown[];
  outputSize: number;
  /** Whether the response JSON (status, headers) was generated — buffered or sent. */
  _headerSent: boolean;
  _hasBody: boolean;
  statusMessage?: string;
  getHeaderNames(): string[];
  removeHeader(name: string): void;
  /** Rendezvous address of a request that came over the control channel. */
  _rendezvousAddress?: string;
  /** Set when the request itself came over a rendezvous socket. */
  _rendezvousChannel?: RelayWebSocket;
  _flush(): void;
}
