/**
 * The requests a listener is serving and the rendezvous sockets hyco-https opened for it. hyco-https keeps neither
 * (its `clients` list is filled only on a broken code path), yet a drain must wait for the first and a teardown must
 * close the second: a rendezvous socket stays open after its response and would carry the sender's next request.
 */
import type { IncomingMessage } from "node:http";
import type { HycoResponse, RelayWebSocket } from "./hyco-internals";

export interface InFlightRequest {
  /** Aborted when the sender's rendezvous socket closes, or by `abortAll()`. */
  readonly signal: AbortSignal;
  /** Call once the request is finished, however it ended. */
  end(): void;
}

export class InFlight {
  private readonly requests = new Map<AbortController, HycoResponse>();
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
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    const watched: RelayWebSocket[] = [];
    const watch = (ws: RelayWebSocket): void => {
      if (ws === controlChannel) return; // its close is the listener's business, handled by the listener
      this.trackSocket(ws);
      ws.once("close", abort);
      watched.push(ws);
    };
    const requestSocket = req.socket as unknown as RelayWebSocket | null;
    if (requestSocket) watch(requestSocket);
    res.on("socket", watch);
    this.requests.set(controller, res);
    return {
      signal: controller.signal,
      end: () => {
        res.off("socket", watch);
        for (const ws of watched) ws.off("close", abort);
        this.requests.delete(controller);
        if (this.requests.size === 0) this.notifyIdle();
      },
    };
  }

  whenIdle(): Promise<void> {
    if (this.requests.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The responses of all requests in flight (to re-route them when the control channel closes for a drain). */
  responses(): HycoResponse[] {
    return [...this.requests.values()];
  }

  abortAll(): void {
    for (const controller of [...this.requests.keys()]) controller.abort();
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
