/**
 * The plugin as a host receives it: `npm run build` output packed with `npm pack`, installed into an empty folder with
 * production dependencies only, and the reference host from that install started with plain `node` (no TypeScript
 * loader — none is even installed). It loads the plugin, serves the tab and relays a request through the emulator.
 * One of the slowest files of the suite: 30–50 s on the shared 2-core machine, most of it `npm install` building sqlite3
 * against Debian's libsqlite3 (the npm cache serves the tarballs; `--prefer-offline`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { sendToken, listenerConnectionString, startTestEmulator, type RelayEmulator } from "../support/emulator";
import { signIn } from "../support/host";
import { startTestTarget, type TestTarget } from "../support/target";
import { buildPackAndInstall, filesUnder, type InstalledPackage } from "./install-package";

/** Build + pack + install (30–50 s here) + host start, with room for a busy shared machine or a cold npm cache. */
const SETUP_TIMEOUT_MS = 300_000;

let workDir: string;
let installed: InstalledPackage;
let emulator: RelayEmulator;
let target: TestTarget;
let host: { process: ChildProcess; url: string; adminToken: string; output: string[] };
/** Set at spawn, so afterAll stops a host that never got ready too. */
let hostProcess: ChildProcess | undefined;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-package-"));
  installed = await buildPackAndInstall(workDir);
  emulator = await startTestEmulator();
  target = await startTestTarget("/");
  host = await startInstalledHost(installed, path.join(workDir, "data"));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await stopHost();
  await emulator?.stop();
  await target?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
}, 30_000);

test("the installed package is compiled JavaScript whose manifest points at JavaScript, installed without dev tools", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(installed.packageDir, "plugin.json"), "utf8"));
  expect(manifest.server.entry).toBe("server/plugin/index.js");
  const files = filesUnder(installed.packageDir);
  expect(files).toEqual(expect.arrayContaining(["server/plugin/index.js", "server/relay/worker-main.js", manifest.components.entry, manifest.graphql.schema]));
  expect(files.filter((file) => file.endsWith(".ts"))).toEqual([]);
  const pkg = JSON.parse(fs.readFileSync(path.join(installed.packageDir, "package.json"), "utf8"));
  expect(pkg.devDependencies).toBeUndefined();
  expect(pkg.peerDependencies).toEqual({ graphql: expect.stringMatching(/^\^16\./) }); // one graphql, shared with the host
  // The production install holds the plugin's run-time dependencies and no TypeScript loader or compiler.
  const modules = path.join(installed.appDir, "node_modules");
  for (const runtime of ["type-graphql", "hyco-https", "@keyv/sqlite", "graphql"]) expect(fs.existsSync(path.join(modules, runtime))).toBe(true);
  for (const devOnly of ["@swc-node/register", "@swc/core", "typescript", "esbuild", "jest"]) expect(fs.existsSync(path.join(modules, devOnly))).toBe(false);
});

test("the host started with plain node serves the tab and its components bundle to a signed-in admin", async () => {
  const cookie = await signIn(host.url, host.adminToken);
  const page = await fetch(`${host.url}/settings/azure-relay`, { headers: { cookie } });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("<azure-relay-settings");
  const bundlePath = "/plugins/azure-relay/components/dist/azure-relay.js";
  expect(html).toContain(bundlePath);
  const bundle = await fetch(`${host.url}${bundlePath}`, { headers: { cookie } });
  expect(bundle.status).toBe(200);
  expect(bundle.headers.get("content-type")).toMatch(/javascript/);
  const shipped = fs.readFileSync(path.join(installed.packageDir, "components/dist/azure-relay.js"), "utf8");
  expect(await bundle.text()).toBe(shipped);
});

test("a registration made through the installed plugin's GraphQL API relays a request to the local service", async () => {
  const added = await gql(`mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { id } }`, {
    input: { connectionString: listenerConnectionString(emulator), hybridConnectionName: "ecs-core", targetUrl: target.url },
  });
  const id = (added.data as { addRelayRegistration: { id: string } } | undefined)?.addRelayRegistration.id;
  expect(id).toEqual(expect.any(String));
  await waitForState(id!, "ONLINE");
  const relayed = await sendThroughRelay("/echo/from-the-package?x=1");
  expect(relayed.status).toBe(200);
  expect(JSON.parse(relayed.body)).toMatchObject({ method: "GET", url: "/echo/from-the-package?x=1" });
  expect(target.requests.map((r) => r.url)).toContain("/echo/from-the-package?x=1");
}, 60_000);

/**
 * `node <package>/bin/ecs-reference-host.js` in the consumer folder, pointed at the installed plugin as a host would be
 * (ECS_PLUGIN_DIRS); resolves with the URL it prints and the admin token it saved. */
function startInstalledHost(pkg: InstalledPackage, dataDir: string): Promise<typeof host> {
  // The developer's NODE_OPTIONS could carry `-r @swc-node/register`; the host must run without it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== "NODE_OPTIONS" && !/^(PORT|HOST|ECS_.*)$/.test(key)));
  const child = spawn(process.execPath, [path.join(pkg.packageDir, "bin/ecs-reference-host.js")], {
    cwd: pkg.appDir,
    env: { ...env, PORT: "0", HOST: "127.0.0.1", ECS_DATA_DIR: dataDir, ECS_HOST_ID: "package-test", ECS_PLUGIN_DIRS: pkg.packageDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  hostProcess = child;
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output.push(chunk.toString("utf8"));
      const url = /ECS Core reference host: (http:\/\/\S+)/.exec(output.join(""))?.[1];
      if (!url) return;
      child.stdout!.off("data", onData);
      resolve({ process: child, url, adminToken: fs.readFileSync(path.join(dataDir, "admin.token"), "utf8").trim(), output });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
    child.once("exit", (code) => reject(new Error(`the installed host exited (${code}) before it was ready:\n${output.join("")}`)));
  });
}

async function stopHost(): Promise<void> {
  const child = hostProcess;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

async function gql(query: string, variables: Record<string, unknown>): Promise<{ data?: unknown; errors?: unknown[] }> {
  const response = await fetch(`${host.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${host.adminToken}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

/** Polls the registration's status (the listener connects asynchronously) until it reaches `state`. */
async function waitForState(id: string, state: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const { data } = await gql(`query($id: ID!) { relayRegistration(id: $id) { status { state lastError { code message } } } }`, { id });
    last = (data as { relayRegistration?: { status: { state: string } } } | undefined)?.relayRegistration?.status;
    if ((last as { state?: string } | undefined)?.state === state) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`registration ${id} did not reach ${state} within ${timeoutMs} ms (last: ${JSON.stringify(last)})\n${host.output.join("")}`);
}

/** An HTTP request through the relay as a cloud client sends it (Send SAS token, `/{hybridConnection}/…`). */
function sendThroughRelay(requestPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`http://${emulator.namespaceHost}/ecs-core${requestPath}`, { headers: { ServiceBusAuthorization: sendToken(emulator) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}
