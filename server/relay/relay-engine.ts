/**
 * What listener.ts needs of a relay connection, whichever library speaks the protocol (docs/native-engine.md).
 * Two implementations: the native engine (native/native-engine.ts, ws 8) and hyco-https (hyco-engine.ts). Everything
 * after a request has arrived — forwarder, headers, target URL, traffic, in-flight bookkeeping — is shared.
 */
import type { IncomingMessage } from "node:http";
import type { HycoResponse, RelayWebSocket } from "./hyco-internals";
import type { ResolvedDataPlaneOptions } from "./options";
import type { ListenerSpec, RelayEngineName, RelaySignal } from "./protocol";
import type { ConnectionEvents } from "./relay-connection";

/**
 * What an engine reports to its listener: hyco-https's connection events (relay-connection.ts: listening, lost,
 * requestChannel, channel, accept, fault), with `request` also taking the sender's address when the engine read it
 * from the `request` message itself (else the listener looks it up via `channel`). The native engine serves WebSocket
 * senders itself and never calls `accept`.
 */
export interface EngineEvents extends ConnectionEvents {
  request(req: IncomingMessage, res: HycoResponse, clientAddress?: string): void;
  /** The engine sent a `renewToken` (counted for the token renewals metric). */
  renewedToken?(): void;
}

/** One connection lifecycle: connect once, never reconnect on its own (retrying is the supervisor's decision). */
export interface RelayEngine {
  /** The open (or opening) control channel: its close is the listener's business, not a sender leaving. */
  readonly controlChannel: RelayWebSocket | undefined;
  /** Starts connecting. Returns the signal if that failed at once (e.g. a namespace making an invalid URL). */
  connect(): RelaySignal | undefined;
  /** From now on a close is expected (a drain started): nothing reconnects and a close is not a failure to fight. */
  markClosing(): void;
  /** Closes the control channel without losing requests already on their way (see closeChannelGently). */
  closeGently(settle: () => Promise<void>, ms: number): Promise<void>;
  /** Closes the control channel now and for good, whatever state it is in. */
  closeForGood(): void;
}

export type CreateEngine = (spec: ListenerSpec, options: () => ResolvedDataPlaneOptions, events: EngineEvents) => RelayEngine;
