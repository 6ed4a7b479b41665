/**
 * A farm-wide lock on Redis: `SET key token NX PX ttl`, polled until free; released only by its holder (compare and
 * delete in one Lua script), and expiring on its own if the holder dies. One Redis, so no Redlock quorum is needed.
 */
import { randomUUID } from "node:crypto";
import { HostError } from "../../contract";

export const LOCK_KEY_PREFIX = "ecs-farm:lock:";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface LockClient {
  set(key: string, value: string, options: { condition: "NX"; expiration: { type: "PX"; value: number } }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface LockTiming {
  /** Longest wait for a taken lock before CONFLICT. */
  waitMs: number;
  /** Expiry of a lock whose holder never releases it. */
  ttlMs: number;
}

export const DEFAULT_LOCK_TIMING: LockTiming = { waitMs: 10_000, ttlMs: 30_000 };

export async function withRedisLock<T>(client: LockClient, name: string, work: () => Promise<T>, timing = DEFAULT_LOCK_TIMING): Promise<T> {
  const key = LOCK_KEY_PREFIX + name;
  const token = randomUUID();
  const deadline = Date.now() + timing.waitMs;
  while ((await client.set(key, token, { condition: "NX", expiration: { type: "PX", value: timing.ttlMs } })) !== "OK") {
    if (Date.now() > deadline) {
      throw new HostError("CONFLICT", `Another host of the farm has been changing the same configuration for ${timing.waitMs / 1000} s — try again in a moment.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  try {
    return await work();
  } finally {
    await client.eval(RELEASE, { keys: [key], arguments: [token] }).catch(() => undefined);
  }
}
