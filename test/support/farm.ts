/**
 * A web farm on one machine for tests: the relay emulator, the sample service and several reference hosts (in this
 * process) sharing one Redis store and one secret key. Redis comes from the caller (`useRedis()`).
 *
 *   const farm = await startFarm(redis.url, ["farm-a", "farm-b"]);
 *   const id = await farm.addRegistration(farm.hosts[0]);
 *   await waitForState(farm.hosts[1], id, "ONLINE");
 */
import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EmulatorOptions, RelayEmulator } from "../../server/emulator";
import { startSampleService, type SampleService } from "../../server/sample-service/sample-service";
import { connectionStringOf, startTestEmulator } from "./emulator";
import { REPO_ROOT, startTestHost, type TestHost } from "./host";
import { addRegistration, sendThroughRelay, type RelayedResponse, type RelayRequestInit } from "./relay-client";

export interface TestFarm {
  emulator: RelayEmulator;
  sample: SampleService;
  hosts: TestHost[];
  /** The environment every host of this farm starts with (start another one with it). */
  env: Record<string, string>;
  listenConnectionString: string;
  /** Adds a registration (the emulator's `ecs-core`, Listen policy) through `host`'s GraphQL API; returns its id. */
  addRegistration(host: TestHost, input?: Record<string, unknown>): Promise<string>;
  /** Sends a request through the emulator to the farm's hybrid connections, as a cloud client would. */
  sendThroughRelay(path: string, init?: RelayRequestInit): Promise<RelayedResponse>;
  /** Starts one more host of this farm (stopped with the farm). */
  startHost(hostId: string, env?: Record<string, string>): Promise<TestHost>;
  stop(): Promise<void>;
}

/** Farm timings short enough for tests: resync check every 200 ms, heartbeat 200 ms, host TTL 1 s. */
export const FAST_FARM_ENV = {
  ECS_PLUGIN_AZURE_RELAY_FARM_RESYNCMS: "200",
  ECS_FARM_HEARTBEAT_MS: "200",
  ECS_FARM_HOST_TTL_MS: "1000",
};

export interface FarmOptions {
  /** Options for the farm's emulator (e.g. `onListenerLeft`). */
  emulator?: EmulatorOptions;
}

export async function startFarm(redisUrl: string, hostIds: string[], extraEnv: Record<string, string> = {}, options: FarmOptions = {}): Promise<TestFarm> {
  const emulator = await startTestEmulator(options.emulator);
  const sample = await startSampleService();
  const env = { ECS_STORE_URL: redisUrl, ECS_SECRET_KEY: randomBytes(32).toString("base64"), ECS_DEFAULT_TARGET_URL: sample.url, ...FAST_FARM_ENV, ...extraEnv };
  const listen = connectionStringOf(emulator, "ecs-core-listen");
  const hosts: TestHost[] = [];
  const farm: TestFarm = {
    emulator, sample, hosts, env,
    listenConnectionString: listen,
    addRegistration: (host, input = {}) => addRegistration(host, listen, input),
    sendThroughRelay: (path, init) => sendThroughRelay(emulator, path, init),
    startHost: async (hostId, more = {}) => {
      const host = await startTestHost({ env: { ...env, ECS_HOST_ID: hostId, ...more } });
      hosts.push(host);
      return host;
    },
    stop: async () => {
      await Promise.all(hosts.splice(0).map((h) => h.stop()));
      await emulator.stop();
      await sample.stop();
    },
  };
  try {
    for (const id of hostIds) await farm.startHost(id);
  } catch (error) {
    await farm.stop();
    throw error;
  }
  return farm;
}

/** A GET through the emulator to the farm's `ecs-core` hybrid connection, the body as text. */
export async function sendThroughEmulator(farm: TestFarm, path: string): Promise<{ status: number; body: string }> {
  const { status, body } = await sendThroughRelay(farm.emulator, path);
  return { status, body: body.toString() };
}

/**
 * A host of `farm` in its own process (the reference host's CLI), so a test can kill it (SIGKILL: no goodbye). It
 * runs the Azure Relay plugin unless `env` says otherwise (e.g. ECS_PLUGIN_DIRS); its temp data folder goes at exit.
 */
export function startChildHost(farm: TestFarm, hostId: string, env: Record<string, string> = {}): ChildProcess {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-farm-child-"));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PORT|HOST|ECS_.*)$/.test(k)));
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "server/host/reference/cli.ts"], {
    cwd: REPO_ROOT,
    env: { ...inherited, ...farm.env, PORT: "0", ECS_HOST_ID: hostId, ECS_DATA_DIR: dataDir, ECS_LOG_LEVEL: "warn", ...env },
    stdio: "ignore",
  });
  child.on("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return child;
}
