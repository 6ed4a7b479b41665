/**
 * A web farm for the bench: a private redis-server (persistent in a temp folder, so a restart after an outage brings
 * the registrations back, as a production Redis with AOF would) and host children sharing it and one secret key.
 * Farm timings are the product's defaults (heartbeat 2 s, TTL 6 s, resync check 5 s): what is measured is what runs.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startRedisServer, type RedisServer } from "../../scripts/farm/redis-server";
import { gqlOrThrow } from "./gql";
import { startChild } from "./processes";
import type { HostChild, TargetChild } from "./stack";
import type { HostInfo } from "./host-process";

export interface BenchFarm {
  redis: RedisServer;
  hosts: HostChild[];
  stop(): Promise<void>;
}

export async function startBenchFarm(target: TargetChild, hostCount: number): Promise<BenchFarm> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-bench-redis-"));
  const redis = await startRedisServer({ dir, persist: true });
  const secretKey = randomBytes(32).toString("base64");
  const hosts: HostChild[] = [];
  const stop = async () => {
    await Promise.all(hosts.map((h) => h.stop().catch(() => undefined)));
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 1; i <= hostCount; i++) {
      const env = { ECS_STORE_URL: redis.url, ECS_SECRET_KEY: secretKey, ECS_HOST_ID: `bench-farm-${i}` };
      hosts.push(await startChild<HostInfo>("host", "lib/host-process.ts", { env: { ECS_DEFAULT_TARGET_URL: target.info.url }, config: { env } }));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { redis, hosts, stop };
}

/** Polls each host until its own listener for registration `id` is in `state` on every one of them. */
export async function waitOnAllHosts(hosts: readonly HostChild[], id: string, state: string, timeoutMs: number, pollMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const host of hosts) {
    while ((await stateOn(host, id)) !== state) {
      if (Date.now() > deadline) throw new Error(`registration ${id} not ${state} on every host within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}

/** This host's own listener state for registration `id` (`status` is per host; docs/farm.md, Membership). */
export async function stateOn(host: HostChild, id: string): Promise<string | undefined> {
  const data = await gqlOrThrow<{ relayRegistration: { status: { state: string } } | null }>(host.info, `query($id: ID!) { relayRegistration(id: $id) { status { state } } }`, { id });
  return data.relayRegistration?.status.state;
}
