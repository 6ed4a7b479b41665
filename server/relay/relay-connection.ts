/**
 * One control-channel connection through hyco-https, and never a second. hyco-https on its own reconnects forever
 * (0,1,2,5,10,30 s, even after 401/404), and its close() does not cancel a pending reconnect timer. Retrying is the
 * supervisor's decision, so: we set the server's `closeRequested` flag from listeners placed BEFORE hyco-https's
 * own on the control channel (its onerror/onclose then never schedule a reconnect), keep its keep-alive from
 * calling `onclose` behind our back, and close at once any connection that still opens unwanted (zombie guard).
 * Every message hyco-https handles passes our guards first (message-guard.ts, request-body-guard.ts).
 */
import moment from "moment";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { WS_OPEN, type HycoResponse, type HycoServer, type RelayWebSocket } from "./hyco-internals";
import { listenUri } from "./listen-uri";
import { guardControlChannel, guardRendezvous } from "./message-guard";
import type { ResolvedDataPlaneOptions } from "./options";
import type { ListenerSpec, RelaySignal } from "./protocol";
import { signalFromClose, signalFromError } from "./relay-signal";
import { renewTokenWhileOpen } from "./token-renewal";
import { guardRequestBodies } from "./request-body-guard";
import { createSasToken } from "./sas-token";
import type { AcceptCommand } from "./websocket-accept";
import { within } from "./within";

/** hyco-https's `createRelayedServer`, injected so that only the worker entry ever loads the library. */
export type CreateRelayedServer = (
  options: { server: string; token: () => string; keepAliveTimeout: unknown },
  handler: (req: IncomingMessage, res: never) => void,
) => unknown;

export interface ConnectionEvents {
  /** The control channel is open. Answer false if it is no longer wanted: it is then closed for good. */
  listening(): boolean;
  /** The control channel failed or closed (including a close we asked for: the receiver knows its own phase). */
  lost(signal: RelaySignal): void;
  request(req: IncomingMessage, res: HycoResponse): void;
  /** hyco-https opened a rendezvous socket to fetch a request (> 64 kB, or streamed). */
  requestChannel(ws: RelayWebSocket): void;
  /** A control channel or rendezvous socket on which request messages will arrive. */
  channel(ws: RelayWebSocket): void;
  /** A WebSocket sender wants to connect (taken off the control channel before hyco-https sees it). */
  accept(accept: AcceptCommand): void;
  /** Something threw inside hyco-https's handling or ours: the listener can no longer be trusted to serve. */
  fault(error: unknown): void;
  /** Our `renewToken` went out (the token renewals metric). */
  renewedToken?(): void;
}

/** Builds the hyco-https server for `spec` (not yet connecting). */
export function createRelayServer(
  spec: ListenerSpec,
  options: () => ResolvedDataPlaneOptions,
  createServer: CreateRelayedServer,
  events: ConnectionEvents,
): HycoServer {
  const { namespace, hybridConnectionName, keyName, key, secure } = spec;
  const token = () => createSasToken({ namespace, hybridConnectionName, keyName, key, lifetimeSeconds: options().tokenLifetimeSeconds });
  const server = createServer(
    {
      server: listenUri(namespace, hybridConnectionName, secure),
      // A function, so hyco-https renews the token in place (hourly) instead of presenting an expired one.
      token,
      keepAliveTimeout: moment.duration(options().keepAliveMs),
    },
    (req, res) => {
      // hyco-https swallows (console.log) a throw from this handler on a rendezvous: catch it first.
      try {
        events.request(req, res as unknown as HycoResponse);
      } catch (error) {
        events.fault(error);
      }
    },
  ) as HycoServer;
  server.on("listening", () => {
    if (!events.listening()) return closeForGood(server);
    // Ours at half the lifetime as well: hyco-https's hourly renewal alone lets a token of an hour or less expire.
    if (server.controlChannel) renewTokenWhileOpen(server.controlChannel as RelayWebSocket & { send(data: string): void }, token, options().tokenLifetimeSeconds, () => events.renewedToken?.());
  });
  // hyco-https's own 'requestchannel' listener (registered first, in its constructor) has set the socket's handler.
  server.on("requestchannel", (ws: RelayWebSocket) => {
    guardRendezvous(ws, events);
    guardRequestBodies(ws, () => options().maxBodyBytes);
    events.requestChannel(ws);
    events.channel(ws);
  });
  return server;
}

/** Opens the control channel. Returns the signal if that failed at once (e.g. a namespace making an invalid URL). */
export function connectOnce(server: HycoServer, events: ConnectionEvents): RelaySignal | undefined {
  try {
    server.listen();
  } catch (error) {
    server.closeRequested = true;
    return signalFromError(error);
  }
  const channel = server.controlChannel;
  if (!channel) return undefined;
  guardControlChannel(server, channel, events);
  // prependListener: ours must run before hyco-https's onerror/onclose, which would schedule the reconnect.
  channel.prependListener("error", (error: unknown) => {
    server.closeRequested = true;
    events.lost(signalFromError(error));
  });
  channel.prependListener("close", (code: number, reason: unknown) => {
    server.closeRequested = true;
    events.lost(signalFromClose(code, reason));
  });
  // hyco-https's keep-alive timer calls the channel's `onclose` directly (bypassing our listeners, and scheduling a
  // reconnect) when `pong()` throws, which ws does on a channel already closing. A pong on a closing channel is
  // pointless anyway: skip it instead of throwing.
  const pong = channel.pong.bind(channel);
  channel.pong = (...args) => {
    if (channel.readyState === WS_OPEN) pong(...args);
  };
  events.channel(channel);
  return undefined;
}

/** Closes the control channel now and for good (no reconnect, whatever state it is in). */
export function closeForGood(server: HycoServer): void {
  server.closeRequested = true;
  server.close(() => undefined); // the callback form never throws (it would if the channel never existed)
  server.controlChannel?.terminate();
}

/**
 * Closes the control channel without losing requests the relay sent before it saw our close frame. The relay stops
 * routing to a channel once our close frame arrives, but fails the requests still pending on it when the TCP
 * connection ends — including ones already on the wire to us, unless their rendezvous is open by then. TCP keeps
 * order, so once the relay's own close frame has arrived, every such request has too: we hold back our end of the
 * TCP connection (ws would end it at once) until `settle` (which opens those rendezvous) is done, or `ms` passed.
 */
export async function closeChannelGently(channel: RelayWebSocket | undefined, settle: () => Promise<void>, ms: number): Promise<void> {
  const socket = channel?._socket;
  if (!channel || !socket || channel.readyState !== WS_OPEN) return void channel?.close(1000, "listener stopping");
  const end = socket.end;
  let relayClosed!: () => void;
  const closeFrameSeen = new Promise<void>((resolve) => (relayClosed = resolve));
  // ws ends the socket when the relay's close frame (or its FIN) arrives: that moment is what we wait for.
  socket.end = ((): Socket => {
    relayClosed();
    return socket;
  }) as Socket["end"];
  const deadline = Date.now() + ms;
  try {
    channel.close(1000, "listener stopping");
    await within(closeFrameSeen, deadline - Date.now());
    await within(settle(), deadline - Date.now());
  } finally {
    socket.end = end;
    socket.end();
  }
}
