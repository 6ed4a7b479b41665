/**
 * `npm run farm`: a web farm on one machine — a private Redis (Debian's redis-server, installed if missing, on a free
 * port, persistent, its files in the data folder), the local relay emulator, the sample web service, and two reference
 * hosts sharing that Redis (ECS_STORE_URL), one secret key and one admin token, on consecutive ports. On the first start
 * it adds the demo registration (once, for the whole farm: both hosts listen for it). Ctrl+C stops everything.
 * Data: `<ECS_DATA_DIR or ./data>/farm/` (redis/, host-a/, host-b/, tokens, key, emulator namespace).
 * Ports: PORT (first host, 4000; the second gets PORT+1; 0 = two free consecutive ports), RELAY_EMULATOR_PORT (9351),
 * SAMPLE_SERVICE_PORT (8080), REDIS_PORT (a free one).
 */
import "reflect-metadata";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { REPO_ROOT, startReferenceHost, type ReferenceHost } from "../server/host/reference/host";
import { addDemoRegistrationOnce } from "./start/demo-registration";
import { configureEmulatorManagementAccess } from "./start/emulator-management";
import { RunningParts } from "./start/running-parts";
import { startDemoServices } from "./start/demo-services";
import { ensureRedisServer } from "./farm/ensure-redis";
import { farmCredentials } from "./farm/farm-credentials";
import { freeConsecutivePorts, startRedisServer } from "./farm/redis-server";
import { printFarmBanner } from "./farm/banner";
import { onlineHostIds } from "./farm/online-hosts";

/** The hosts of the farm, in port order. */
const HOST_IDS = ["host-a", "host-b"];

const running = new RunningParts("hosts, emulator, sample service and Redis");

async function main(): Promise<void> {
  const requestedPort = portFrom("PORT", process.env.PORT, 4000, HOST_IDS.length);
  const redisPort = portFrom("REDIS_PORT", process.env.REDIS_PORT, 0) || undefined; // 0: a free one
  const farmDir = resolve(process.env.ECS_DATA_DIR ?? "./data", "farm");
  const folder = (name: string): string => {
    mkdirSync(join(farmDir, name), { recursive: true, mode: 0o700 });
    return join(farmDir, name);
  };
  ensureRedisServer(REPO_ROOT);
  const redis = running.add(await startRedisServer({ dir: folder("redis"), port: redisPort, persist: true, detached: true }));
  const { sample, emulator } = await startDemoServices(farmDir, running);
  const credentials = farmCredentials(farmDir);
  const firstPort = requestedPort || (await freeConsecutivePorts(HOST_IDS.length));
  const hosts: Array<{ id: string; host: ReferenceHost }> = [];
  for (const [index, id] of HOST_IDS.entries()) {
    if (running.stopping) return;
    const env = { ...process.env, ...credentials.hostEnv, ECS_HOST_ID: id, PORT: String(firstPort + index), ECS_DATA_DIR: folder(id), ECS_STORE_URL: redis.url, ECS_DEFAULT_TARGET_URL: sample.url };
    hosts.push({ id, host: running.add(await startReferenceHost({ env })) });
  }
  if (running.stopping) return;
  // The store is shared: one host adds the demo registration and sets management access for all.
  const demo = await addDemoRegistrationOnce(hosts[0].host, emulator);
  const managed = await configureEmulatorManagementAccess(hosts[0].host, emulator);
  const online = await onlineHostIds(hosts);
  printFarmBanner({ farmDir, redis, hosts, credentials, emulator, sample, demo, online });
  if (managed) console.log(`Management access for ${emulator.namespaceHost} goes through the emulator's Azure Resource Manager at ${emulator.arm?.url}: the Azure column is live.`);
}

/** A port (0 = pick free ones) from variable `name`, leaving room for `count` consecutive ports; throws naming it. */
function portFrom(name: string, text: string | undefined, fallback: number, count = 1): number {
  const port = text?.trim() ? Number(text) : fallback;
  if (!Number.isInteger(port) || port < 0 || port + count - 1 > 65535) throw new Error(`${name} must be a port number from 0 to ${65536 - count}, got "${text}"`);
  return port;
}

main().catch((error: unknown) => {
  console.error(`npm run farm failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error("If a port is taken, set PORT (two consecutive ports from it), RELAY_EMULATOR_PORT, SAMPLE_SERVICE_PORT or REDIS_PORT to free ones.");
  void running.stopAll(1); // what already runs, Redis last
});
