/**
 * A web farm on one machine for tests: the relay emulator, the sample service and several reference hosts (in this
 * process) sharing one Redis store and one secret key. Redis comes from the caller (`useRedis()`).
 *
 *   const farm = await startFarm(redis.url, ["farm-a", "farm-b"]);
 *   const id = await farm.addRegistration(farm.hosts[0]);
 *   await waitForState(farm.hosts[1], id, "ONLINE");
 */
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { createSasToken } from "../../server/relay/sas-token";
import type { RelayEmulator } from "../../server/emulator";
import { startSampleService, type SampleService } from "../../server/sample-service/sample-service";
import { startTestEmulator } from "./emulator";
import { startTestHost, type TestHost } from "./host";

export interface TestFarm {
  emulator: RelayEmulator;
  sample: SampleService;
  hosts: TestHost[];
  /** The environment every host of this farm starts with (start another one with it). */
  env: Record<string, string>;
  listenConnectionString: string;
  /** Adds a registration (the emulator's `ecs-core`, Listen policy) through `host`'s GraphQL API; returns its id. */
  addRegistration(host: TestHost, input?: Record<string, unknown>): Promise<string>;
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

export async function startFarm(redisUrl: string, hostIds: string[], extraEnv: Record<string, string> = {}): Promise<TestFarm> {
  const emulator = await startTestEmulator();
  const sample = await startSampleService();
  const env = { ECS_STORE_URL: redisUrl, ECS_SECRET_KEY: randomBytes(32).toString("base64"), ECS_DEFAULT_TARGET_URL: sample.url, ...FAST_FARM_ENV, ...extraEnv };
  const listen = emulator.connectionStrings().find((s) => s.policy === "ecs-core-listen");
  if (!listen) throw new Error("the emulator has no ecs-core-listen policy");
  const hosts: TestHost[] = [];
  const farm: TestFarm = {
    emulator, sample, hosts, env,
    listenConnectionString: listen.connectionString,
    addRegistration: async (host, input = {}) => {
      const { body } = await host.gql<{ addRelayRegistration: { id: string } }>(
        `mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { id } }`,
        { input: { connectionString: listen.connectionString, hybridConnectionName: "ecs-core", ...input } },
      );
      if (!body.data) throw new Error(`addRelayRegistration failed: ${JSON.stringify(body.errors)}`);
      return body.data.addRelayRegistration.id;
    },
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

/** Sends a GET through the emulator to the farm's `ecs-core` hybrid connection, as a cloud client would. */
export function sendThroughEmulator(farm: TestFarm, path: string): Promise<{ status: number; body: string }> {
  const rule = farm.emulator.namespace.getRule("ecs-core-send");
  if (!rule) throw new Error("the emulator has no ecs-core-send policy");
  const token = createSasToken({ namespace: farm.emulator.namespaceHost, hybridConnectionName: "ecs-core", keyName: rule.name, key: rule.primaryKey });
  return new Promise((resolve, reject) => {
    const req = request(`http://${farm.emulator.namespaceHost}/ecs-core${path}`, { headers: { ServiceBusAuthorization: token } }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}
