/**
 * A request rendezvous socket and what it is doing. Azure ties an open rendezvous to the sender's HTTP connection and
 * sends that connection's later requests over it; the relay closes it (1001) when the sender goes, and if the listener
 * closes it the sender's connection drops (relay-protocol-notes.md §3, checklist 15). hyco-https keeps these sockets open and serves
 * several requests on them in turn.
 */
import type { Socket } from "node:net";
import type WebSocket from "ws";
import type { RelayListener } from "./listeners";
import { ResponseReader, type ResponseSink } from "./response-reader";

/** The exchange currently using a session. */
export interface SessionUser {
  sinkFor(requestId: string): ResponseSink | undefined;
  rendezvousClosed(): void;
}

export class RendezvousSession {
  current?: SessionUser;

  constructor(
    readonly ws: WebSocket,
    readonly hybridConnection: string,
    /** The listener whose control channel the rendezvous was offered on. */
    readonly listener: RelayListener,
    log: (line: string) => void,
  ) {
    // One reader for the socket's whole life: its messages go to whichever exchange uses it now.
    const reader = new ResponseReader((id) => this.current?.sinkFor(id));
    const ignored = () => log("rendezvous: ignored a message");
    reader.attach(ws, ignored, ignored);
    ws.on("error", (err) => log(`rendezvous error: ${err.message}`));
    ws.on("close", () => this.current?.rendezvousClosed());
  }

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState !== this.ws.OPEN && this.ws.readyState !== this.ws.CONNECTING) return;
    if (this.ws.readyState === this.ws.OPEN) this.ws.resume(); // may be paused for backpressure: read the close reply
    this.ws.close(code, reason);
  }
}

/** Idle request rendezvous sockets, by the sender connection they belong to. */
export class RendezvousPool {
  private readonly parked = new Map<Socket, { session: RendezvousSession; release(): void }>();

  park(sender: Socket, session: RendezvousSession): void {
    if (sender.destroyed || !session.open) return session.close(1000, "Done");
    const onSenderClose = () => {
      release();
      session.close(1001, "Sender gone");
    };
    const onRendezvousClose = () => {
      release();
      sender.destroy(); // the listener closed it: the sender's connection drops, as in Azure
    };
    const release = () => {
      this.parked.delete(sender);
      sender.off("close", onSenderClose);
      session.ws.off("close", onRendezvousClose);
    };
    session.current = undefined;
    session.ws.resume(); // in case the last response paused it for backpressure
    sender.once("close", onSenderClose);
    session.ws.once("close", onRendezvousClose);
    this.parked.set(sender, { session, release });
  }

  /** The sender connection's idle rendezvous for this entity, now taken for a new request. */
  take(sender: Socket, hybridConnection: string): RendezvousSession | undefined {
    const p = this.parked.get(sender);
    if (!p || p.session.hybridConnection !== hybridConnection || !p.session.open) return undefined;
    p.release();
    return p.session;
  }

  /** Closes idle sessions (1001) whose listener channel or entity went away: they would keep serving a closed listener. */
  closeWhere(match: (session: RendezvousSession) => boolean): void {
    for (const p of [...this.parked.values()]) if (match(p.session)) p.session.close(1001, "Listener gone");
  }

  clear(): void {
    for (const p of [...this.parked.values()]) {
      p.release();
      p.session.ws.terminate();
    }
  }
}
