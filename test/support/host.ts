/**
 * Starts a reference host for a test: a random port on 127.0.0.1, a fresh temp data folder (removed
 * at stop unless the caller passed `dataDir`), logs collected in memory, and a `gql` helper.
 *
 *   const host = await startTestHost({ pluginDirs: [REPO_ROOT] });
 *   const { status, body } = await host.gql("{ hostInfo { hostId } }");          // admin token by default
 *   await host.gql("{ relayRegistrations { id } }", undefined, { token: host.readerToken });
 *   await host.gql("{ relayRegistrations { id } }", undefined, { token: null });  // anonymous
 *   await host.stop();
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT, startReferenceHost, type ReferenceHost, type ReferenceHostServices } from "../../server/host/reference/host";

export { REPO_ROOT };

export interface TestHostOptions {
  /** Plugin folders; default the repo root (the real plugin). */
  pluginDirs?: string[];
  /** Data folder to use (kept at stop); default a fresh temp folder (removed at stop). */
  dataDir?: string;
  /** Extra environment for the host (PORT, HOST, ECS_DATA_DIR are set unless given here). */
  env?: Record<string, string>;
  /** Heartbeat period; default 200 ms so subscription tests are quick. */
  heartbeatMs?: number;
}

export interface GqlOptions {
  /** Bearer token; default the admin token; `null` sends none. */
  token?: string | null;
  /** Cookie header to send (e.g. from `signIn`). */
  cookie?: string;
  /** Extra headers. */
  headers?: Record<string, string>;
}

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }> };
}

export interface TestHost {
  url: string;
  port: number;
  adminToken: string;
  readerToken: string;
  dataDir: string;
  /** Every log line written so far (JSON lines). */
  logs: string[];
  /** Tokens generated on this start (first start of a data folder). */
  generatedTokens: ReferenceHost["generatedTokens"];
  services: ReferenceHostServices;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, opts?: GqlOptions): Promise<GqlResponse<T>>;
  /** Signs in through POST /login and returns the `Cookie` header value for the session. */
  signIn(token?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Environment variables of the developer's shell that must not leak into a test host. */
const HOST_ENV = /^(PORT|HOST|ECS_.*|SAMPLE_SERVICE_PORT)$/;

/** Starts a host for a test; always pair with `await host.stop()` (afterAll/afterEach). */
export async function startTestHost(options: TestHostOptions = {}): Promise<TestHost> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "ecs-host-"));
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !HOST_ENV.test(key)));
  const logs: string[] = [];
  let host: ReferenceHost;
  try {
    host = await startReferenceHost({
      pluginDirs: options.pluginDirs,
      env: { ...baseEnv, PORT: "0", HOST: "127.0.0.1", ECS_DATA_DIR: dataDir, ECS_HOST_ID: "test-host", ECS_LOG_LEVEL: "debug", ...options.env },
      log: { write: (line) => void logs.push(line), format: "json", level: "debug" },
      heartbeatMs: options.heartbeatMs ?? 200,
    });
  } catch (error) {
    if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    url: host.url, port: host.port, adminToken: host.adminToken, readerToken: host.readerToken, dataDir,
    logs, generatedTokens: host.generatedTokens, services: host.services,
    gql: (query, variables, opts) => postGraphQL(host, query, variables, opts),
    signIn: (token) => signIn(host.url, token ?? host.adminToken),
    stop: () =>
      (stopped ??= host.stop().finally(() => {
        if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      })),
  };
}

async function postGraphQL<T>(host: ReferenceHost, query: string, variables?: Record<string, unknown>, opts: GqlOptions = {}): Promise<GqlResponse<T>> {
  const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
  const token = opts.token === undefined ? host.adminToken : opts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  const response = await fetch(`${host.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  let body: GqlResponse<T>["body"];
  try {
    body = JSON.parse(text) as GqlResponse<T>["body"];
  } catch {
    body = { errors: [{ message: `non-JSON response: ${text.slice(0, 200)}` }] };
  }
  return { status: response.status, body };
}

/** Signs in at `url`/login with `token`; resolves with the session cookie (`name=value`) to send. */
export async function signIn(url: string, token: string): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
    redirect: "manual",
  });
  await response.arrayBuffer();
  const setCookie = response.headers.get("set-cookie");
  if (response.status !== 303 || !setCookie) throw new Error(`sign-in failed with HTTP ${response.status}`);
  return setCookie.split(";")[0];
}
