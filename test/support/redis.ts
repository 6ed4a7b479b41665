/**
 * A private redis-server for a test file: a free port on 127.0.0.1, no persistence (`--save "" --appendonly no`),
 * killed on teardown. Never the system service. `redis-server` comes from Debian (scripts/ensure-system-packages.sh).
 *
 *   const redis = useRedis();            // in a describe: started in beforeAll, killed in afterAll
 *   env: { ECS_STORE_URL: redis.url }
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createClient } from "@keyv/redis";
import { startRedisServer } from "../../scripts/farm/redis-server";

/** A connected @redis/client client. */
export type RedisClient = ReturnType<typeof newClient>;

function newClient(url: string) {
  return createClient({ url });
}

export interface TestRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** A connected client for the test's own commands (closed at stop). */
  client(): Promise<RedisClient>;
  /** Takes the server down (an outage), after writing its data to its own folder so `resume` brings it back. */
  pause(): Promise<void>;
  /** Starts the server again on the same port with the data it had at `pause`. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a redis-server and waits until it answers PING. */
export async function startRedis(): Promise<TestRedis> {
  // Its own folder: only an explicit SAVE (in `pause`) writes there; never the system service's data.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-redis-"));
  const server = await startRedisServer({ dir }).catch((error: unknown) => {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const clients: RedisClient[] = [];
  return {
    url: server.url,
    port: server.port,
    async client() {
      const client = newClient(server.url);
      client.on("error", () => undefined);
      await client.connect();
      clients.push(client);
      return client;
    },
    async pause() {
      const saver = newClient(server.url);
      saver.on("error", () => undefined);
      await saver.connect();
      await saver.sendCommand(["SAVE"]);
      await saver.close();
      await server.stop();
    },
    resume: () => server.start(),
    async stop() {
      await Promise.all(clients.splice(0).map((c) => c.close().catch(() => c.destroy())));
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One redis-server for the enclosing describe/file. Read `url` inside tests. */
export function useRedis(): TestRedis {
  const rig = {} as { redis: TestRedis };
  beforeAll(async () => {
    rig.redis = await startRedis();
  }, 20_000);
  afterAll(async () => {
    await rig.redis?.stop();
  });
  return {
    get url() { return rig.redis.url; },
    get port() { return rig.redis.port; },
    client: () => rig.redis.client(),
    pause: () => rig.redis.pause(),
    resume: () => rig.redis.resume(),
    stop: () => rig.redis.stop(),
  };
}
