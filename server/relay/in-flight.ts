/**
 * The requests a listener is serving and the rendezvous sockets hyco-https opened for it. hyco-https keeps neither
 * (its `clients` list is filled only on a broken code path), yet a drain must wait for the first and a teardown must
 * close the second: a rendezvous socket stays open after its response and would carry the sender's next request.
 */
import type { IncomingMessage } from "node:http";
import type { HycoResponse, RelayWebSocket } from "./hyco-internals";

/**
 * What the forwarder needs of a cancellation: AbortSignal's shape (so a real AbortSignal also fits), one listener.
 * Not an AbortController: that costs an EventTarget per request, and on abort a DOMException with a stack.
 */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

export interface InFlightRequest {
  /** Aborted when the sender's rendezvous socket closes, or by `abortAll()`. */
  readonly signal: CancelSignal;
  /** Call once the request is finished, however it ended. */
  end(): void;
}

/** One tracked request: its own cancel signal, and the rendezvous sockets whose close means the sender left. */
class Flight implements InFlightRequest, CancelSignal {
  aborted = false;
  private listener?: () => void;
  private watched?: RelayWebSocket[];

  constructor(
    private readonly owner: InFlight,
    readonly res: HycoResponse,
    private readonly controlChannel: RelayWebSocket | undefined,
  ) {}

  get signal(): CancelSignal {
    return this;
  }

  addEventListener(_type: "abort", listener: () => void): void {
    this.listener = listener; // the forwarder is the only listener (one per request)
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    if (this.listener === listener) this.listener = undefined;
  }

  readonly abort = (): void => {
    if (this.aborted) return;
    this.aborted = true;
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
  };

  readonly watch = (ws: RelayWebSocket): void => {
    if (ws === this.controlChannel) return; // its close is the listener's business, handled by the listener
    this.owner.trackSocket(ws);
    ws.on("close", this.abort);
    (this.watched ??= []).push(ws);
  };

  end(): void {
    this.res.off("socket", this.watch);
    if (this.watched) for (const ws of this.watched) ws.off("close", this.abort);
    this.owner.ended(this);
  }
}

export class InFlight {
  private readonly requests = new Set<Flight>();
  private readonly sockets = new Set<RelayWebSocket>();
  private idleWaiters: (() => void)[] = [];

  get size(): number {
    return this.requests.size;
  }

  /** Remembers a rendezvous socket so teardown can close it; its errors are expected and must not be thrown. */
  trackSocket(ws: RelayWebSocket): void {
    if (this.sockets.has(ws)) return;
    this.sockets.add(ws);
    ws.on("error", () => undefined);
    ws.once("close", () => this.sockets.delete(ws));
  }

  /** Starts tracking a request. A close of any rendezvous socket it uses means the sender went away. */
  begin(req: IncomingMessage, res: HycoResponse, controlChannel: RelayWebSocket | undefined): InFlightRequest {
    const flight = new Flight(this, res, controlChannel);
    const requestSocket = req.socket as unknown as RelayWebSocket | null;
    if (requestSocket) flight.watch(requestSocket);
    res.on("socket", flight.watch);
    this.requests.add(flight);
    return flight;
  }

  /** Called by a request's `end()`. */
  ended(flight: Flight): void {
    if (!this.requests.delete(flight)) return;
    if (this.requests.size === 0) this.notifyIdle();
  }

  whenIdle(): Promise<void> {
    if (this.requests.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The responses of all requests in flight (to re-route them when the control channel closes for a drain). */
  responses(): HycoResponse[] {
    return [...this.requests].map((flight) => flight.res);
  }

  abortAll(): void {
    for (const flight of [...this.requests]) flight.abort();
  }

  /** Closes every rendezvous socket (gracefully: a response already handed to one still goes out first). */
  closeSockets(): void {
    for (const ws of this.sockets) {
      try {
        ws.close(1000);
      } catch {
        ws.terminate();
      }
    }
  }

  /** Last resort at the end of a teardown: no socket outlives its listener, whatever its close handshake does. */
  terminateSockets(): void {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
