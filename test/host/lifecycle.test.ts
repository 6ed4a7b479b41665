/** Reference host lifecycle: first-start credentials, persistence across restarts, readiness, failed activation, clean stop. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startReferenceHost } from "../../server/host/reference/host";
import { startTestHost } from "../support/host";
import type { Gate } from "./fixtures/gated-plugin";

const FIXTURES = path.join(__dirname, "fixtures");
const FIXTURE = path.join(FIXTURES, "fixture-plugin");
const GATED = path.join(FIXTURES, "gated-plugin");

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "ecs-lifecycle-"));
}

/** Counts of the handle types a leaking host would leave behind. */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return { servers: counts.TCPServerWrap ?? 0, sockets: counts.TCPSocketWrap ?? 0, timers: counts.Timeout ?? 0 };
}

async function settle(until: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!until() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
}

describe("reference host lifecycle", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it("generates tokens and key once, in 0600 files, and reports them only on that first start", async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await startTestHost({ pluginDirs: [FIXTURE], dataDir });
    await first.stop();
    expect(first.generatedTokens).toEqual({ adminToken: first.adminToken, readerToken: first.readerToken });
    for (const file of ["admin.token", "reader.token", "secret.key", "ecs-core.sqlite"]) {
      expect((fs.statSync(path.join(dataDir, file)).mode & 0o777).toString(8)).toBe("600");
    }
    expect(fs.readFileSync(path.join(dataDir, "admin.token"), "utf8").trim()).toBe(first.adminToken);
    expect(first.logs.join("\n")).not.toContain(first.adminToken);
    expect(first.logs.join("\n")).not.toContain(first.readerToken);
    const second = await startTestHost({ pluginDirs: [FIXTURE], dataDir });
    await second.stop();
    expect(second.generatedTokens).toEqual({});
    expect([second.adminToken, second.readerToken]).toEqual([first.adminToken, first.readerToken]);
  });

  it("takes tokens from ECS_ADMIN_TOKEN / ECS_READER_TOKEN without writing token files", async () => {
    const host = await startTestHost({ pluginDirs: [FIXTURE], env: { ECS_ADMIN_TOKEN: "admin-from-env-0123456789abcdef0123456789", ECS_READER_TOKEN: "reader-from-env-0123456789abcdef0123456789" } });
    try {
      expect(host.generatedTokens).toEqual({});
      expect(fs.existsSync(path.join(host.dataDir, "admin.token"))).toBe(false);
      expect((await host.gql("{ fixtureWhoAmI }", undefined, { token: "admin-from-env-0123456789abcdef0123456789" })).body.data).toEqual({ fixtureWhoAmI: "token:admin" });
    } finally {
      await host.stop();
    }
  });

  it("keeps plugin data and sealed secrets across a restart on the same data folder", async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await startTestHost({ pluginDirs: [FIXTURE], dataDir });
    expect((await first.gql("mutation { fixtureIncrement }")).body.data).toEqual({ fixtureIncrement: 1 });
    expect((await first.gql("mutation { fixtureIncrement }")).body.data).toEqual({ fixtureIncrement: 2 });
    const sealed = first.services.secrets.seal("survives restarts");
    await first.stop();
    expect(fs.existsSync(path.join(dataDir, "ecs-core.sqlite"))).toBe(true);
    const second = await startTestHost({ pluginDirs: [FIXTURE], dataDir });
    try {
      expect((await second.gql("{ fixtureCounter }")).body.data).toEqual({ fixtureCounter: 2 });
      expect(second.services.secrets.open(sealed)).toBe("survives restarts");
    } finally {
      await second.stop();
    }
  });

  it("answers /healthz 503 while a plugin is still activating, then 200", async () => {
    let release!: () => void;
    const gate: Gate = { wait: new Promise<void>((resolve) => (release = resolve)) };
    (globalThis as { __gatedPlugin?: Gate }).__gatedPlugin = gate;
    let url: string | undefined;
    const dataDir = tempDir();
    dirs.push(dataDir);
    const starting = startReferenceHost({
      pluginDirs: [GATED],
      env: { PORT: "0", ECS_DATA_DIR: dataDir },
      log: { write: (line) => (url ??= (JSON.parse(line) as { url?: string }).url), format: "json" },
    });
    await settle(() => url !== undefined);
    const during = await fetch(`${url}/healthz`);
    expect([during.status, await during.json()]).toEqual([503, { status: "starting" }]);
    release();
    const host = await starting;
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      await host.stop();
      delete (globalThis as { __gatedPlugin?: Gate }).__gatedPlugin;
    }
  });

  it("rejects the start when a plugin fails to activate, and releases the port and store", async () => {
    (globalThis as { __gatedPlugin?: Gate }).__gatedPlugin = { fail: "gated: cannot start" };
    const before = handles();
    try {
      await expect(startTestHost({ pluginDirs: [GATED] })).rejects.toThrow("gated: cannot start");
    } finally {
      delete (globalThis as { __gatedPlugin?: Gate }).__gatedPlugin;
    }
    await settle(() => handles().servers <= before.servers);
    expect(handles().servers).toBe(before.servers);
  });

  it("stop() deactivates plugins once, is idempotent, and leaves no server, socket or timer behind", async () => {
    const gate: Gate = {};
    (globalThis as { __gatedPlugin?: Gate }).__gatedPlugin = gate;
    // An earlier test's stopped server may still be listed for a moment after its close callback: count from none.
    await settle(() => handles().servers === 0);
    const before = handles();
    const host = await startTestHost({ pluginDirs: [FIXTURE, GATED] });
    try {
      await host.gql("{ hostInfo { hostId } }");
      expect(handles().servers).toBeGreaterThan(before.servers);
      await Promise.all([host.stop(), host.stop()]);
      await host.stop();
      expect(gate.deactivated).toBe(1);
      await settle(() => JSON.stringify(handles()) === JSON.stringify(before));
      expect(handles()).toEqual(before);
      await expect(fetch(`${host.url}/healthz`)).rejects.toThrow();
    } finally {
      delete (globalThis as { __gatedPlugin?: Gate }).__gatedPlugin;
    }
  });
});
