/**
 * Every message hyco-https handles passes through here first (its handlers sit in ws 6's `onmessage` property, so
 * we wrap them in place). Two reasons:
 * - `accept` commands (WebSocket senders) are taken out and given to the listener's AcceptHandler: hyco-https's
 *   own accept path throws (websocket-accept.ts).
 * - A throw from hyco-https's handler — or from ours, which it calls synchronously — must not escape into ws: an
 *   exception thrown out of a ws 6 'message' dispatch unwinds its frame parser without completing the socket write
 *   that fed it, and the parser then never delivers another message. The channel stays open, the listener looks
 *   ONLINE, and every request times out. Caught here, the throw is reported as a fault of the listener, which is
 *   then torn down and started afresh by the supervisor.
 */
import type { HycoServer, RelayWebSocket } from "./hyco-internals";
import { acceptIn, type AcceptCommand } from "./websocket-accept";

export interface GuardEvents {
  accept(accept: AcceptCommand): void;
  fault(error: unknown): void;
}

type MessageHandler = NonNullable<RelayWebSocket["onmessage"]>;

/** Wraps hyco-https's control-channel handler: accepts go to `events.accept`, throws to `events.fault`. */
export function guardControlChannel(server: HycoServer, channel: RelayWebSocket, events: GuardEvents): void {
  wrap(channel, events, (event, original) => {
    // While a request waits for its body, the next message is that body, whatever it looks like.
    if (server.pendingRequest == null && typeof event.data === "string") {
      const accept = acceptIn(event.data);
      if (accept !== undefined) {
        if (accept) events.accept(accept);
        return;
      }
    }
    original.call(channel, event);
  });
}

/** Wraps hyco-https's handler on a rendezvous socket (requests and their bodies): throws go to `events.fault`. */
export function guardRendezvous(ws: RelayWebSocket, events: Pick<GuardEvents, "fault">): void {
  wrap(ws, events, (event, original) => original.call(ws, event));
}

function wrap(ws: RelayWebSocket, events: Pick<GuardEvents, "fault">, handle: (event: { data: unknown }, original: MessageHandler) => void): void {
  const original = ws.onmessage;
  if (!original) return;
  ws.onmessage = (event) => {
    try {
      handle(event, original);
    } catch (error) {
      events.fault(error);
    }
  };
}
