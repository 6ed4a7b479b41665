/**
 * The parts of the host's farm both implementations share: timing, this host's record, change handlers and
 * presence slots, and the contract view cut per plugin.
 */
import type { Disposable, Farm, FarmChange, FarmCondition, FarmEvent, FarmMember, FarmRequestHandler, FarmRequestOptions, FarmRequestOutcome, Logger } from "../../contract";
import { HOST_CONTRACT_VERSION } from "../../contract";
import { FarmRequestHandlers } from "./farm-requests";
import { checkedRequestOptions } from "./request-options";

/** Timing of membership; from the environment (see docs/farm.md). */
export interface FarmTiming {
  /** `ECS_FARM_HEARTBEAT_MS`, default 2000: how often a host renews its membership record. */
  heartbeatMs: number;
  /** `ECS_FARM_HOST_TTL_MS`, default 6000 (three heartbeats): a host that stopped heartbeating leaves the list after this. */
  hostTtlMs: number;
}

/** The record a host keeps in the farm for itself (the contract's FarmMember with every plugin's presence). */
export interface HostRecord {
  hostId: string;
  contractVersion: string;
  startedAt: string;
  lastHeartbeat: string;
  presence: Record<string, unknown>;
}

export interface HostFarm {
  readonly shared: boolean;
  /** Whether the shared store can be used now (always ok for a farm of one). */
  readonly condition: FarmCondition;
  /** Connects (Redis) and writes the first heartbeat; rejects with a clear message when the farm cannot be reached. */
  start(): Promise<void>;
  /** Removes this host's record and disconnects. Idempotent. */
  stop(): Promise<void>;
  /** The contract view for one plugin (its own presence slot). */
  forPlugin(pluginId: string): Farm;
}

/** What an implementation provides for the contract view. */
export interface FarmOps {
  available(): boolean;
  announce(topic: string): Promise<number>;
  version(): Promise<number>;
  records(): Promise<HostRecord[]>;
  presenceChanged(): void;
  exclusive<T>(lockName: string, work: () => Promise<T>): Promise<T>;
  /** Asks hosts to run `pluginId`'s handler `name` (contract 2.2). */
  request(pluginId: string, name: string, payload: unknown, options: FarmRequestOptions): Promise<FarmRequestOutcome>;
  /** Sends one plugin's event to the other hosts (best effort). */
  publishEvent(pluginId: string, topic: string, payload: unknown): void;
}

/** The parts both implementations share: change handlers, presence slots, this host's record. */
export class FarmCore {
  readonly handlers = new Set<(change: FarmChange) => void>();
  readonly presence: Record<string, unknown> = {};
  readonly startedAt = new Date().toISOString();
  /** Each plugin's farm request handlers on this host (contract 2.2). */
  readonly requests: FarmRequestHandlers;
  /** Per plugin id: the handlers of events other hosts published. */
  readonly eventHandlers = new Map<string, Set<(event: FarmEvent) => void>>();
  readonly conditionHandlers = new Set<(condition: FarmCondition) => void>();
  private current: FarmCondition = { state: "ok", since: new Date().toISOString(), detail: "" };

  constructor(readonly hostId: string, readonly logger: Logger) {
    this.requests = new FarmRequestHandlers(hostId, logger);
  }

  get condition(): FarmCondition {
    return this.current;
  }

  /** Moves to `state` (no-op when already there) and tells every plugin. */
  setCondition(state: FarmCondition["state"], detail: string): void {
    if (this.current.state === state) return;
    this.current = Object.freeze({ state, since: new Date().toISOString(), detail: state === "ok" ? "" : detail });
    const log = state === "ok" ? this.logger.info : this.logger.warn;
    log.call(this.logger, `farm: ${state}`, { detail });
    for (const handler of [...this.conditionHandlers]) this.safely(() => handler(this.current), "farm condition handler failed");
  }

  /** Hands another host's event to the plugin it belongs to. */
  deliverEvent(pluginId: string, event: FarmEvent): void {
    for (const handler of [...(this.eventHandlers.get(pluginId) ?? [])]) this.safely(() => handler(event), "farm event handler failed");
  }

  private safely(work: () => void, message: string): void {
    try {
      work();
    } catch (error) {
      this.logger.error(message, { error });
    }
  }

  deliver(change: FarmChange): void {
    for (const handler of [...this.handlers]) {
      try {
        handler(change);
      } catch (error) {
        this.logger.error("farm change handler failed", { topic: change.topic, error });
      }
    }
  }

  record(): HostRecord {
    return { hostId: this.hostId, contractVersion: HOST_CONTRACT_VERSION, startedAt: this.startedAt, lastHeartbeat: new Date().toISOString(), presence: { ...this.presence } };
  }

  /** The contract view of `pluginId` over the implementation's announce/version/members. */
  view(pluginId: string, shared: boolean, ops: FarmOps): Farm {
    const core = this;
    return Object.freeze({
      shared,
      get available() {
        return ops.available();
      },
      get condition() {
        return core.condition;
      },
      announceChange: (topic: string) => ops.announce(topic),
      onChange: (handler: (change: FarmChange) => void) => {
        this.handlers.add(handler);
        return { dispose: () => void this.handlers.delete(handler) };
      },
      configVersion: () => ops.version(),
      exclusive: <T>(name: string, work: () => Promise<T>) => ops.exclusive(`${pluginId}:${name}`, work),
      setPresence: (presence: unknown) => {
        this.presence[pluginId] = presence;
        ops.presenceChanged();
      },
      members: async (): Promise<FarmMember[]> =>
        (await ops.records()).map((r) => ({ hostId: r.hostId, contractVersion: r.contractVersion, startedAt: r.startedAt, lastHeartbeat: r.lastHeartbeat, presence: r.presence?.[pluginId] })),
      handleRequests: (name: string, handler: FarmRequestHandler) => this.requests.register(pluginId, name, handler),
      request: async (name: string, payload: unknown, options: FarmRequestOptions) => ops.request(pluginId, name, payload, checkedRequestOptions(options)),
      publishEvent: (topic: string, payload: unknown) => ops.publishEvent(pluginId, topic, payload),
      onEvent: (handler: (event: FarmEvent) => void): Disposable => {
        const handlers = this.eventHandlers.get(pluginId) ?? new Set();
        this.eventHandlers.set(pluginId, handlers.add(handler));
        return { dispose: () => void handlers.delete(handler) };
      },
      onConditionChanged: (handler: (condition: FarmCondition) => void): Disposable => {
        this.conditionHandlers.add(handler);
        return { dispose: () => void this.conditionHandlers.delete(handler) };
      },
    });
  }
}
