/**
 * A reference host of a test farm in its own process (the CLI, the real plugin), so a test can freeze it (SIGSTOP)
 * the way a stuck server looks to the farm: its sockets stay open, it answers nothing. `stop` thaws it first.
 *
 *   const c = await startChildHost(farm, "farm-c");
 *   c.freeze(); …; c.thaw();
 *   await c.gql("{ farmHosts { hostId } }");
 *   await c.stop();
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { TestFarm } from "./farm";
import { REPO_ROOT, type GqlResponse } from "./host";

export interface ChildHost {
  hostId: string;
  url: string;
  pid: number;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  /** SIGSTOP: the process keeps its sockets and answers nothing. */
  freeze(): void;
  /** SIGCONT. */
  thaw(): void;
  /** Thaws, SIGTERMs and waits for the exit (SIGKILL after 10 s); removes its data folder. Idempotent. */
  stop(): Promise<void>;
}

const BANNER = /ECS Core reference host: (http:\/\/\S+)/;
const ADMIN_TOKEN = /admin token \([^)]*\): (\S+)/;

export async function startChildHost(farm: TestFarm, hostId: string, extraEnv: Record<string, string> = {}): Promise<ChildHost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-farm-child-"));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PORT|HOST|ECS_.*|SAMPLE_SERVICE_PORT)$/.test(k)));
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "server/host/reference/cli.ts"], {
    cwd: REPO_ROOT,
    env: { ...env, ...farm.env, ...extraEnv, PORT: "0", HOST: "127.0.0.1", ECS_HOST_ID: hostId, ECS_DATA_DIR: dataDir, ECS_LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let frozen = false;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        if (frozen) child.kill("SIGCONT");
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(killer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    })());

  let output = "";
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const started = await new Promise<{ url: string; token: string } | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 60_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = BANNER.exec(output)?.[1];
      const token = ADMIN_TOKEN.exec(output)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ url, token });
      }
    });
    void exited.then(() => (clearTimeout(timer), resolve(undefined)));
  });
  if (!started) {
    await stop();
    throw new Error(`child host ${hostId} did not start:\n${errors.slice(-2000)}`);
  }
  return {
    hostId,
    url: started.url,
    pid: child.pid!,
    async gql<T>(query: string, variables?: Record<string, unknown>) {
      const res = await fetch(`${started.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${started.token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as GqlResponse<T>["body"] };
    },
    freeze() {
      frozen = true;
      child.kill("SIGSTOP");
    },
    thaw() {
      frozen = false;
      child.kill("SIGCONT");
    },
    stop,
  };
}

/**
 * The local ports of the established TCP connections process `pid` ("self": this one) holds to `remotePort` on
 * 127.0.0.1 — e.g. a host's listener connections to the relay emulator. Linux only (/proc): it tells which process a
 * listener connection belongs to, which the relay's view does not.
 */
export function connectionPorts(pid: number | "self", remotePort: number): Set<number> {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<number>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== "01") continue; // 01: ESTABLISHED
      const port = (address: string) => parseInt(address.slice(address.lastIndexOf(":") + 1), 16);
      if (port(cols[2]) === remotePort && inodes.has(cols[9])) ports.add(port(cols[1]));
    }
  }
  return ports;
}
