/**
 * A private redis-server for a test file: a free port on 127.0.0.1, no persistence (`--save "" --appendonly no`),
 * killed on teardown. Never the system service. `redis-server` comes from Debian (scripts/ensure-system-packages.sh).
 *
 *   const redis = useRedis();            // in a describe: started in beforeAll, killed in afterAll
 *   env: { ECS_STORE_URL: redis.url }
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import { createServer } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { createClient } from "@keyv/redis";

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
  const port = await freePort();
  // Its own folder: only an explicit SAVE (in `pause`) writes there; never the system service's data.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-redis-"));
  const launch = (): ChildProcess =>
    spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--dir", dir], { stdio: "ignore" });
  let child = launch();
  const url = `redis://127.0.0.1:${port}`;
  const clients: RedisClient[] = [];
  await waitForPing(url, child);
  return {
    url,
    port,
    async client() {
      const client = newClient(url);
      client.on("error", () => undefined);
      await client.connect();
      clients.push(client);
      return client;
    },
    async pause() {
      const saver = newClient(url);
      saver.on("error", () => undefined);
      await saver.connect();
      await saver.sendCommand(["SAVE"]);
      await saver.close();
      await stopChild(child);
    },
    async resume() {
      child = launch();
      await waitForPing(url, child);
    },
    async stop() {
      await Promise.all(clients.splice(0).map((c) => c.close().catch(() => c.destroy())));
      await stopChild(child);
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

async function waitForPing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const client = createClient({ url, socket: { reconnectStrategy: false } });
    client.on("error", () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === "PONG") return;
    } catch {
      // not up yet
    } finally {
      await client.close().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`redis-server on ${url} did not answer PING`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
