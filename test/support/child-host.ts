/**
 * A reference host in its own process (the CLI, as `npm start` runs it), for farm tests that need hosts which share
 * nothing but Redis: its own module instances, event loop and worker. The URL is read from its banner; the admin
 * token is given through ECS_ADMIN_TOKEN so the test can call its GraphQL API.
 *
 *   const b = await startChildHost({ ...farm.env, ECS_HOST_ID: "b" });
 *   await b.gql(`{ relayFarm { hostId } }`);
 *   await b.stop();
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT, type GqlResponse } from "./host";

export interface ChildHost {
  url: string;
  adminToken: string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  /** SIGTERM and wait for the exit (idempotent). */
  stop(): Promise<void>;
}

const BANNER = /ECS Core reference host: (http:\/\/\S+)/;

export async function startChildHost(env: Record<string, string>, timeoutMs = 60_000): Promise<ChildHost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-child-host-"));
  const adminToken = randomBytes(24).toString("base64url");
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PORT|HOST|ECS_.*)$/.test(k)));
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "server/host/reference/cli.ts"], {
    cwd: REPO_ROOT,
    env: { ...inherited, ECS_LOG_LEVEL: "warn", ...env, PORT: "0", HOST: "127.0.0.1", ECS_DATA_DIR: dataDir, ECS_ADMIN_TOKEN: adminToken },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child host did not print its URL within ${timeoutMs} ms: ${output}`)), timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      const found = BANNER.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`child host exited with ${code}: ${output}`));
    });
  }).catch(async (error) => {
    child.kill("SIGKILL");
    await exited;
    throw error;
  });
  child.stdout.resume();
  let stopping: Promise<void> | undefined;
  return {
    url,
    adminToken,
    gql: async <T>(query: string, variables?: Record<string, unknown>) => {
      const response = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ query, variables }) });
      return { status: response.status, body: (await response.json()) as GqlResponse<T>["body"] };
    },
    stop: () =>
      (stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        await exited;
      })()),
  };
}
