/**
 * The supervisor over the REAL data-plane worker, the local relay emulator and a real HTTP target (real sockets,
 * real time): add → ONLINE and serving; relay drop → RECONNECTING → ONLINE; wrong key → UNAUTHORIZED without
 * retrying; key rotation under a steady request stream with zero failed requests.
 */
import http from "node:http";
import { DataPlane } from "../../../server/relay/data-plane";
import type { WorkerCommand } from "../../../server/relay/protocol";
import { Supervisor, type DataPlanePort, type DesiredListener, type RelayStatusChange } from "../../../server/plugin/supervisor";
import { emulatorAdmin, listenerConnectionString, rootConnectionString, sendToken, startTestEmulator, type RelayEmulator } from "../../support/emulator";
import { waitUntil } from "../../support/eventually";
import { startTestTarget, type TestTarget } from "../../support/target";

/** Counts the commands the supervisor sends, passing everything to the real DataPlane. */
class CountingDataPlane implements DataPlanePort {
  readonly commands: WorkerCommand[] = [];
  constructor(readonly inner = new DataPlane()) {}
  start = () => this.inner.start();
  stop = (drainMs: number) => this.inner.stop(drainMs);
  onEvent: DataPlanePort["onEvent"] = (h) => this.inner.onEvent(h);
  onExit: DataPlanePort["onExit"] = (h) => this.inner.onExit(h);
  send(command: WorkerCommand): boolean {
    this.commands.push(command);
    return this.inner.send(command);
  }
  startsOf(registrationId: string): number {
    return this.commands.filter((c) => c.type === "start" && c.listener.registrationId === registrationId).length;
  }
}

/** `Key=Value;…` as Azure writes it. */
function parseConnectionString(cs: string): Record<string, string> {
  return Object.fromEntries(cs.split(";").filter(Boolean).map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]));
}

interface Answer {
  status: number;
  body: string;
}

function get(emu: RelayEmulator, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${emu.httpUrl}${path}`, { agent: false, headers: { ServiceBusAuthorization: sendToken(emu) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const status = async (path: string) => (await get(emu, path)).status;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let emu: RelayEmulator;
let target: TestTarget;
let port: CountingDataPlane;
let supervisor: Supervisor;
let changes: RelayStatusChange[];
let listen: Record<string, string>;

function registration(id: string, overrides: Partial<DesiredListener> = {}): DesiredListener {
  return {
    registrationId: id,
    enabled: true,
    namespace: listen.Endpoint!.replace(/^sb:\/\//, "").replace(/\/$/, ""),
    hybridConnectionName: "ecs-core",
    secure: false,
    keyName: listen.SharedAccessKeyName!,
    key: listen.SharedAccessKey!,
    targetUrl: target.url,
    settingsVersion: "v1",
    ...overrides,
  };
}

beforeAll(async () => {
  emu = await startTestEmulator();
  target = await startTestTarget("/");
  listen = parseConnectionString(listenerConnectionString(emu));
});

beforeEach(async () => {
  port = new CountingDataPlane();
  // RELAY_TEST_ENGINE=native|hyco-https: the engine the worker's listeners use (else its default).
  const engine = process.env.RELAY_TEST_ENGINE as "native" | "hyco-https" | undefined;
  supervisor = new Supervisor({ dataPlane: port, dataPlaneOptions: engine ? { engine } : undefined, options: { drainMs: 2000, backoff: { initialDelayMs: 100, maxDelayMs: 1000 } } });
  changes = [];
  supervisor.onStatusChanged((c) => changes.push(c));
  await supervisor.start();
});

afterEach(() => supervisor.stop());

afterAll(async () => {
  await target.close();
  await emu.stop();
});

test("add → ONLINE, and relayed requests reach the target", async () => {
  supervisor.apply([registration("r1")]);
  await supervisor.waitFor("r1", "ONLINE", 10_000);
  expect(await status("/ecs-core/echo?x=1")).toBe(200);
  expect(changes.map((c) => c.status.state)).toEqual(["CONNECTING", "ONLINE"]);
});

test("relay drop → RECONNECTING → ONLINE, serving again", async () => {
  supervisor.apply([registration("r1")]);
  await supervisor.waitFor("r1", "ONLINE", 10_000);
  const reconnecting = supervisor.waitFor("r1", "RECONNECTING", 5000);
  const res = await emulatorAdmin(emu, "POST", "/$emulator/faults/drop-listeners", { hybridConnection: "ecs-core" });
  expect(res.status).toBe(200);
  expect(await reconnecting).toMatchObject({ lastError: { code: "RELAY_SERVICE_ERROR" } });
  await supervisor.waitFor("r1", "ONLINE", 10_000);
  expect(changes.map((c) => c.status.state).slice(-2)).toEqual(["RECONNECTING", "ONLINE"]);
  expect(await status("/ecs-core/echo")).toBe(200);
});

test("wrong key → UNAUTHORIZED with advice, and no retry storm", async () => {
  supervisor.apply([registration("bad", { key: "V3JvbmdLZXlXcm9uZ0tleVdyb25nS2V5V3JvbmdLZXk=" })]);
  const status = await supervisor.waitFor("bad", "UNAUTHORIZED", 10_000);
  expect(status).toMatchObject({ lastError: { code: "RELAY_UNAUTHORIZED", advice: expect.stringContaining("Shared access policies") } });
  await delay(2000);
  expect(port.startsOf("bad")).toBe(1);
  expect(JSON.stringify(changes)).not.toContain(listen.SharedAccessKey);
});

/** Concurrent request streams during the rotation: the relay may dispatch to the old listener up to its close. */
const STREAMS = 4;

test("key rotation under a steady request stream: no failed requests", async () => {
  supervisor.apply([registration("r1")]);
  await supervisor.waitFor("r1", "ONLINE", 10_000);
  const { secondaryKey } = emu.namespace.getKeys(listen.SharedAccessKeyName!);
  let done = false;
  const answers: Answer[] = [];
  const stream = async () => {
    while (!done) answers.push(await get(emu, "/ecs-core/echo").catch((e: Error) => ({ status: 0, body: e.message })));
  };
  const streams = Array.from({ length: STREAMS }, stream);
  // Hundreds of requests around the swap, so "none failed" covers the old listener, the overlap and the new one.
  await waitUntil("100 answers before the rotation", () => answers.length >= 100, 30_000);
  await supervisor.rotate("r1", registration("r1", { key: secondaryKey, settingsVersion: "v2" }));
  const atSwap = answers.length;
  await waitUntil("the old listener stopped (past its drain)", () => port.commands.some((c) => c.type === "stop"), 10_000);
  await waitUntil("300 answers after the rotation", () => answers.length >= atSwap + 300, 60_000);
  done = true;
  await Promise.all(streams);
  const failed = answers.filter((a) => a.status !== 200);
  expect(answers.length).toBeGreaterThanOrEqual(400);
  expect(failed).toEqual([]);
  expect(port.commands.filter((c) => c.type === "stop")).toHaveLength(1);
  expect(supervisor.status("r1").state).toBe("ONLINE");
  // Serving on the new key: the old one was stopped, so this answer came from the new listener.
  expect(await status("/ecs-core/echo")).toBe(200);
});

test("rotation to a refused key keeps the old listener serving", async () => {
  supervisor.apply([registration("r1")]);
  await supervisor.waitFor("r1", "ONLINE", 10_000);
  const rotation = supervisor.rotate("r1", registration("r1", { key: "V3JvbmdLZXlXcm9uZ0tleVdyb25nS2V5V3JvbmdLZXk=", settingsVersion: "v2" }));
  await expect(rotation).rejects.toMatchObject({ code: "RELAY_REFUSED", message: expect.stringContaining("rejected the key") });
  expect(supervisor.status("r1").state).toBe("ONLINE");
  expect(await status("/ecs-core/echo")).toBe(200);
});

test("a worker crash is survived: RECONNECTING, then ONLINE and serving again", async () => {
  supervisor.apply([registration("r1")]);
  await supervisor.waitFor("r1", "ONLINE", 10_000);
  const reconnecting = supervisor.waitFor("r1", "RECONNECTING", 5000);
  await port.inner.crash();
  expect(await reconnecting).toMatchObject({ lastError: { code: "RELAY_WORKER_RESTARTING" } });
  await supervisor.waitFor("r1", "ONLINE", 20_000);
  expect(port.commands.filter((c) => c.type === "configure")).toHaveLength(2);
  expect(await status("/ecs-core/echo")).toBe(200);
});

test("remove while a slow request is in flight: STOPPING, the request completes, then DISABLED", async () => {
  supervisor.apply([registration("r1")]);
  await supervisor.waitFor("r1", "ONLINE", 10_000);
  const slow = get(emu, "/ecs-core/slow?ms=1800"); // under the 2 s drainMs even after the ~1 s traffic report
  // The listener has the request once its traffic counts it (reported about once a second).
  await waitUntil("the slow request reached the listener", () => supervisor.traffic("r1").requests > 0, 10_000);
  supervisor.apply([]);
  expect(supervisor.status("r1").state).toBe("STOPPING");
  expect(await slow).toEqual({ status: 200, body: "slow done" });
  await supervisor.waitFor("r1", "DISABLED", 5000);
  expect(changes.map((c) => c.status.state).slice(-2)).toEqual(["STOPPING", "DISABLED"]);
});

test("hybrid connection deleted: the 1001 close reconnects, the relay answers 404 → NOT_FOUND (no retry storm)", async () => {
  expect((await emulatorAdmin(emu, "POST", "hybrid-connections", { name: "doomed" })).status).toBe(201);
  const root = parseConnectionString(rootConnectionString(emu));
  supervisor.apply([registration("d1", { hybridConnectionName: "doomed", keyName: root.SharedAccessKeyName!, key: root.SharedAccessKey! })]);
  await supervisor.waitFor("d1", "ONLINE", 10_000);
  expect((await emulatorAdmin(emu, "DELETE", "hybrid-connections/doomed")).status).toBe(200);
  const status = await supervisor.waitFor("d1", "NOT_FOUND", 10_000);
  expect(status).toMatchObject({ lastError: { code: "RELAY_NOT_FOUND", advice: expect.stringContaining("+ Hybrid Connection") } });
  expect(changes.filter((c) => c.registrationId === "d1").map((c) => c.status.state)).toEqual(["CONNECTING", "ONLINE", "RECONNECTING", "NOT_FOUND"]);
  await delay(1000);
  expect(port.startsOf("d1")).toBe(2);
});
