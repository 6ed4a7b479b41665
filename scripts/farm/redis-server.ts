/**
 * A private redis-server (Debian's) as a child process: 127.0.0.1 only, protected mode, on a given or free port, its
 * files in a folder of the caller's. Never the system service. Used by `npm run farm` (persistent, in the data
 * folder), the bench's farm scenario and the tests' `useRedis` (not persistent).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { createClient } from "@keyv/redis";

export interface RedisServerOptions {
  /** Folder for its files (RDB snapshot, append-only log); created by the caller. */
  dir: string;
  /** TCP port on 127.0.0.1; default a free one. */
  port?: number;
  /**
   * Keep the data across restarts: append-only file (fsync every second) plus an RDB snapshot at shutdown. Default
   * false: nothing is written except on an explicit SAVE (tests), so a restart starts empty unless the caller saved.
   */
  persist?: boolean;
  /** Own process group, so a Ctrl-C in the terminal reaches only the parent, which stops Redis last. Default false. */
  detached?: boolean;
}

export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** The running server's process id (undefined while stopped). */
  readonly pid: number | undefined;
  /** Stops the server (SIGTERM: Redis writes its files when persistent) and waits for its exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder, and waits until it answers PING. */
  start(): Promise<void>;
}

/** How long a starting redis-server may take to answer PING. */
const READY_TIMEOUT_MS = 15_000;

/** Starts a redis-server and resolves once it answers PING; rejects (nothing left running) if it does not. */
export async function startRedisServer(options: RedisServerOptions): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const url = `redis://127.0.0.1:${port}`;
  const persistence = options.persist ? ["--appendonly", "yes", "--appendfsync", "everysec", "--save", "300 1"] : ["--save", "", "--appendonly", "no"];
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--protected-mode", "yes", "--dir", options.dir, ...persistence];
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill("SIGKILL");
  const start = async () => {
    const launched = spawn("redis-server", args, { stdio: "ignore", detached: options.detached ?? false });
    child = launched;
    process.once("exit", killOnExit);
    const spawnError = new Promise<never>((_, reject) => launched.once("error", (error) => reject(new Error(`redis-server could not start: ${error.message}`))));
    try {
      await Promise.race([waitForPing(url, launched), spawnError]);
    } catch (error) {
      await stopChild(launched);
      throw error;
    }
  };
  await start();
  return {
    url,
    port,
    get pid() {
      return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    async stop() {
      if (child) await stopChild(child);
      process.off("exit", killOnExit);
    },
    start,
  };
}

async function waitForPing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} (is the port taken?)`);
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
    if (Date.now() > deadline) throw new Error(`redis-server on ${url} did not answer PING within ${READY_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
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

/** Whether `port` can be bound on 127.0.0.1 right now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The first of `count` consecutive ports free on 127.0.0.1 (a free port, then its neighbours checked). */
export async function freeConsecutivePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = await freePort();
    if (first + count - 1 > 65535) continue;
    let allFree = true;
    for (let i = 1; i < count && allFree; i++) allFree = await portIsFree(first + i);
    if (allFree) return first;
  }
  throw new Error(`found no ${count} consecutive free ports on 127.0.0.1`);
}
