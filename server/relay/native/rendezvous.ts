/**
 * A request rendezvous (docs/relay-protocol-notes.md §3, flow 1): the relay sent an address-only `request`, the listener dials
 * that address and receives the full `request` JSON and its body there; the answer goes back on the same socket.
 * The relay keeps the socket tied to the sender's HTTP connection and sends that connection's later requests on
 * it, so it is read until it closes. Bodies stream fragment by fragment (fragment-tap.ts), paused when the target
 * is slow. No size limit on the socket: `maxBodyBytes` is enforced by the forwarder while streaming.
 */
import WebSocket from "ws";
import type { EngineEvents } from "../relay-engine";
import type { RelayWebSocket } from "../hyco-internals";
import { tapBinaryFragments } from "./fragment-tap";
import { proxyOptions } from "./outbound-proxy";
import { RequestReader } from "./request-exchange";
import { parseCommand } from "./wire";

export function openRequestRendezvous(address: string, controlChannel: WebSocket, events: EngineEvents): WebSocket {
  // ws 8 caps a message at 100 MiB and 16,384 fragments by default; a rendezvous body has no limit in the protocol.
  const ws = new WebSocket(address, { ...proxyOptions(address), perMessageDeflate: false, maxPayload: 0, ...({ maxFragments: 0 } as object) });
  const reader = new RequestReader(ws, controlChannel, events, true);
  events.requestChannel(ws as unknown as RelayWebSocket); // teardown closes it; its errors are handled there
  ws.on("error", () => undefined);
  ws.once("open", () => {
    const streaming = tapBinaryFragments(ws, (data) => reader.onBodyData(data));
    ws.on("message", (data, isBinary) => {
      try {
        if (!isBinary) {
          const command = parseCommand(data.toString());
          if (command.kind === "request" && command.request.method !== undefined) reader.onRequest(command.request);
          return;
        }
        if (!streaming) reader.onBodyData(data as Buffer);
        reader.onBodyEnd();
      } catch (error) {
        events.fault(error); // the listener is recycled: a throw here leaves its state untrustworthy
      }
    });
  });
  ws.once("close", () => reader.abandonBody());
  return ws;
}
