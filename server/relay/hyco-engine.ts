/**
 * hyco-https as a RelayEngine (the fallback engine, `engine: hyco-https`). Everything that works around the library
 * — prepended close listeners, the zombie guard, re-reading request messages for `remoteEndpoint`
 * (remote-endpoints.ts via `events.channel`) — stays behind this seam, in relay-connection.ts and hyco-internals.ts.
 */
import type { HycoServer } from "./hyco-internals";
import type { ResolvedDataPlaneOptions } from "./options";
import type { ListenerSpec, RelaySignal } from "./protocol";
import { closeChannelGently, closeForGood, connectOnce, createRelayServer, type CreateRelayedServer } from "./relay-connection";
import type { CreateEngine, EngineEvents, RelayEngine } from "./relay-engine";

/** The engine factory over hyco-https's `createRelayedServer` (injected: only the worker loads the library). */
export function hycoEngineFactory(createServer: CreateRelayedServer): CreateEngine {
  return (spec, options, events) => new HycoEngine(spec, options, events, createServer);
}

class HycoEngine implements RelayEngine {
  private server?: HycoServer;

  constructor(
    private readonly spec: ListenerSpec,
    private readonly options: () => ResolvedDataPlaneOptions,
    private readonly events: EngineEvents,
    private readonly createServer: CreateRelayedServer,
  ) {}

  get controlChannel(): HycoServer["controlChannel"] {
    return this.server?.controlChannel;
  }

  connect(): RelaySignal | undefined {
    // createRelayServer throws for a spec hyco-https refuses outright (no usable URI): the caller reports it.
    const server = (this.server = createRelayServer(this.spec, this.options, this.createServer, this.events));
    return connectOnce(server, this.events);
  }

  markClosing(): void {
    if (this.server) this.server.closeRequested = true;
  }

  closeGently(settle: () => Promise<void>, ms: number): Promise<void> {
    return this.server ? closeChannelGently(this.server.controlChannel, settle, ms) : Promise.resolve();
  }

  closeForGood(): void {
    if (this.server) closeForGood(this.server);
  }
}
