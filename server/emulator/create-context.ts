/** Assembles the shared state of one running emulator from its options. */
import { WebSocketServer } from "ws";
import type { EmulatorContext } from "./context";
import { Faults } from "./faults";
import { ListenerRegistry } from "./listeners";
import type { EmulatorNamespace } from "./namespace";
import { RendezvousRegistry } from "./rendezvous";
import { RendezvousPool } from "./rendezvous-session";
import { Stats } from "./stats";
import { PROTOCOL_CHOICE } from "./ws-sender";

export interface ContextOptions {
  host: string;
  tls: boolean;
  /** The bound port, known only after listen(). */
  port: () => number;
  responseTimeoutMs?: number;
  noListenerStatus?: number;
  listenerIdleTimeoutMs?: number;
  listenerRecycleMs?: number;
  log?: (line: string) => void;
  onListenerLeft?: EmulatorContext["onListenerLeft"];
}

export function createContext(ns: EmulatorNamespace, o: ContextOptions): EmulatorContext {
  // 0.0.0.0/:: are bind addresses, not something a client can dial: advertise loopback.
  const displayHost = o.host === "0.0.0.0" || o.host === "::" ? "127.0.0.1" : o.host.includes(":") ? `[${o.host}]` : o.host;
  return {
    ns,
    listeners: new ListenerRegistry(),
    rendezvous: new RendezvousRegistry(),
    rendezvousPool: new RendezvousPool(),
    faults: new Faults(),
    stats: new Stats(),
    wss: new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      // Rendezvous traffic has no size limit in Azure and response bodies are streamed (fragment-tap), so neither
      // the message size nor the fragment count (ws 8.23 defaults: 100 MiB, 16,384) is capped.
      maxPayload: 0,
      ...({ maxFragments: 0 } as object),
      handleProtocols: (protocols, req) => PROTOCOL_CHOICE.get(req) ?? protocols.values().next().value ?? false,
    }),
    responseTimeoutMs: o.responseTimeoutMs ?? 60_000,
    noListenerStatus: o.noListenerStatus ?? 502,
    listenerTimers: { idleTimeoutMs: o.listenerIdleTimeoutMs ?? 0, recycleMs: o.listenerRecycleMs ?? 0 },
    wsScheme: o.tls ? "wss" : "ws",
    namespaceHost: () => `${displayHost}:${o.port()}`,
    audienceHosts: () => [...new Set(["127.0.0.1", "localhost", "[::1]", displayHost.toLowerCase()])],
    log: o.log ?? (() => undefined),
    onListenerLeft: o.onListenerLeft ?? (() => undefined),
  };
}
