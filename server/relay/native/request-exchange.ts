/**
 * Turns a `request` message into the pair the forwarder serves — a RelayRequest (body streamed in) and a
 * RelayResponseWriter (answer streamed out) — and feeds the request body from the socket it arrives on. A socket
 * carries one request at a time: the JSON, then (if `body`) exactly one binary message, then the next request.
 */
import type WebSocket from "ws";
import type { EngineEvents } from "../relay-engine";
import { RelayRequest } from "./relay-request";
import { RelayResponseWriter } from "./response-writer";
import { clientAddressOf, type RequestCommand } from "./wire";

export class RequestReader {
  /** The request whose body message is still arriving on this socket. */
  private receiving?: RelayRequest;

  constructor(
    private readonly socket: WebSocket,
    private readonly controlChannel: WebSocket,
    private readonly events: EngineEvents,
    /** True on a rendezvous socket: the answer goes back on it. */
    private readonly isRendezvous: boolean,
  ) {}

  /** A full `request` (with `method`) arrived on this socket. */
  onRequest(command: RequestCommand): void {
    this.abandonBody(); // a new request means the previous body is over, whatever the relay did
    const req = new RelayRequest(command, this.socket);
    const res = new RelayResponseWriter(
      this.controlChannel,
      { id: command.id, address: command.address, method: req.method },
      this.isRendezvous ? this.socket : undefined,
    );
    if (command.body === true) this.receiving = req;
    this.events.request(req.asIncoming(), res, clientAddressOf(command));
  }

  /** A piece of a binary message (a fragment when tapped, else the whole message). */
  onBodyData(data: Buffer): void {
    this.receiving?.pushBody(data);
  }

  /** A binary message ended: the body of the request receiving it is complete. */
  onBodyEnd(): void {
    const req = this.receiving;
    this.receiving = undefined;
    req?.endBody();
  }

  /** The socket closed: a body still arriving will never be complete. */
  abandonBody(): void {
    const req = this.receiving;
    this.receiving = undefined;
    req?.abandon();
  }
}
