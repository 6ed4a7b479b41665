/**
 * The host side of the contract's `Farm`: one per host, started before plugins activate and stopped after them.
 * On a Redis store it is the Redis farm (redis-farm.ts), otherwise a farm of one in this process (local-farm.ts).
 */
import type { Logger } from "../../contract";
import type { ReferenceHostConfig } from "../config";
import { FarmCore, type FarmTiming, type HostFarm } from "./farm-core";
import { createLocalFarm } from "./local-farm";
import { createRedisFarm } from "./redis-farm";

export type { HostFarm } from "./farm-core";

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
