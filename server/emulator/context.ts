/** What every part of the running emulator shares. Built once in index.ts. */
import type { WebSocketServer } from "ws";
import type { Faults } from "./faults";
import type { ListenerRegistry, ListenerTimers } from "./listeners";
import type { EmulatorNamespace, HybridConnection } from "./namespace";
import type { RendezvousRegistry } from "./rendezvous";
import type { RendezvousPool } from "./rendezvous-session";
import type { Stats } from "./stats";

export interface EmulatorContext {
  readonly ns: EmulatorNamespace;
  readonly listeners: ListenerRegistry;
  readonly rendezvous: RendezvousRegistry;
  /** Idle request rendezvous sockets kept for their sender connection's later requests. */
  readonly rendezvousPool: RendezvousPool;
  readonly faults: Faults;
  readonly stats: Stats;
  /** noServer, no permessage-deflate (hyco-https offers it; Azure refuses it). */
  readonly wss: WebSocketServer;
  readonly responseTimeoutMs: number;
  readonly noListenerStatus: number;
  readonly listenerTimers: ListenerTimers;
  readonly wsScheme: "ws" | "wss";
  /** "127.0.0.1:PORT" once listening. */
  namespaceHost(): string;
  /** Hosts a token audience may name (lower case, no port). */
  audienceHosts(): string[];
  log(line: string): void;
  /** See EmulatorOptions.onListenerLeft. */
  onListenerLeft(left: { hybridConnection: string; listenerId: string; inFlight: number; code: number }): void;
}

/** `sb://127.0.0.1:PORT/path`, as in Azure's SystemTracker field. */
export function systemTracker(ctx: EmulatorContext, entity: string): string {
  return `sb://${ctx.namespaceHost()}/${entity}`;
}

/** Resolves an entity by the leading segments of a path (names may contain '/'); the longest match wins. */
export function findEntity(ctx: EmulatorContext, path: string): HybridConnection | undefined {
  const segs = path.split("/").filter(Boolean);
  for (let n = segs.length; n > 0; n--) {
    let name: string;
    try {
      name = segs.slice(0, n).map(decodeURIComponent).join("/");
    } catch {
      return undefined;
    }
    const hc = ctx.ns.getHybridConnection(name);
    if (hc) return hc;
  }
  return undefined;
}

/** An address the listener can dial back to, e.g. `ws://127.0.0.1:PORT/$hc/hc?sb-hc-action=request&sb-hc-id=ID`. */
export function rendezvousAddress(ctx: EmulatorContext, hc: string, action: "request" | "accept", id: string): string {
  return `${ctx.wsScheme}://${ctx.namespaceHost()}/$hc/${hc}?sb-hc-action=${action}&sb-hc-id=${encodeURIComponent(id)}`;
}
