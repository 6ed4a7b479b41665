/**
 * The host side of the contract's `Farm`: one per host, started before plugins activate and stopped after them.
 * On a Redis store it is the Redis farm (redis-farm.ts), otherwise a farm of one in this process (local-farm.ts).
 */
import type { Farm, FarmChange, FarmMember, Logger } from "../../contract";
import { HOST_CONTRACT_VERSION } from "../../contract";
import type { ReferenceHostConfig } from "../config";
import { createLocalFarm } from "./local-farm";
import { createRedisFarm } from "./redis-farm";

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
  /** Connects (Redis) and writes the first heartbeat; rejects with a clear message when the farm cannot be reached. */
  start(): Promise<void>;
  /** Removes this host's record and disconnects. Idempotent. */
  stop(): Promise<void>;
  /** The contract view for one plugin (its own presence slot). */
  forPlugin(pluginId: string): Farm;
}

/** What an implementation provides for the contract view. */
export interface FarmOps {
  announce(topic: string): Promise<number>;
  version(): Promise<number>;
  records(): Promise<HostRecord[]>;
  presenceChanged(): void;
  exclusive<T>(lockName: string, work: () => Promise<T>): Promise<T>;
}

/** The parts both implementations share: change handlers, presence slots, this host's record. */
export class FarmCore {
  readonly handlers = new Set<(change: FarmChange) => void>();
  readonly presence: Record<string, unknown> = {};
  readonly startedAt = new Date().toISOString();

  constructor(readonly hostId: string, readonly logger: Logger) {}

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
    return Object.freeze({
      shared,
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
    });
  }
}

/** The farm for `config`: on Redis when the store is, otherwise in this process. */
export function createHostFarm(config: ReferenceHostConfig, logger: Logger): HostFarm {
  const core = new FarmCore(config.hostId, logger.child({ component: "farm" }));
  const timing = farmTiming(config.env);
  return /^rediss?:\/\//.test(config.storeUrl) ? createRedisFarm(config.storeUrl, core, timing) : createLocalFarm(core);
}

function farmTiming(env: Readonly<Record<string, string | undefined>>): FarmTiming {
  const heartbeatMs = positive(env, "ECS_FARM_HEARTBEAT_MS", 2000);
  const hostTtlMs = positive(env, "ECS_FARM_HOST_TTL_MS", heartbeatMs * 3);
  if (hostTtlMs <= heartbeatMs) throw new Error(`ECS_FARM_HOST_TTL_MS (${hostTtlMs}) must be longer than ECS_FARM_HEARTBEAT_MS (${heartbeatMs}), e.g. three times as long`);
  return { heartbeatMs, hostTtlMs };
}

function positive(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 50) throw new Error(`${name} must be a whole number of milliseconds of at least 50, got "${text}"`);
  return value;
}
