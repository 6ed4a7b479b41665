/**
 * Shared pieces of the data-plane suites: a running DataPlane that records its events, listener specs for the
 * emulator, an HTTP sender through the relay, and a connection-counting TCP proxy (to prove "no reconnect").
 */
import { createHash } from "node:crypto";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { DataPlane } from "../../server/relay/data-plane";
import { DEFAULT_DATA_PLANE_OPTIONS } from "../../server/relay/options";
import type { ListenerSpec, RelayEngineName, WorkerEvent } from "../../server/relay/protocol";
import { sendToken, startTestEmulator, type RelayEmulator } from "../support/emulator";
import { startTestTarget, type TestTarget } from "../support/target";

/**
 * The engine the data-plane suites run on: `RELAY_TEST_ENGINE=native|hyco-https` (unset: the worker's default), so
 * every existing suite runs against both engines (`npm run test:engines`); engine-contract.test.ts names both itself.
 */
export function testEngine(): RelayEngineName | undefined {
  const name = process.env.RELAY_TEST_ENGINE;
  if (name === undefined || name === "") return undefined;
  if (name !== "native" && name !== "hyco-https") throw new Error(`RELAY_TEST_ENGINE must be native or hyco-https, not ${name}`);
  return name;
}

/** The engine this run's suites use (RELAY_TEST_ENGINE, else the worker's default). */
export const ENGINE: RelayEngineName = testEngine() ?? DEFAULT_DATA_PLANE_OPTIONS.engine;

export class RecordingDataPlane {
  readonly plane = new DataPlane();
  readonly events: WorkerEvent[] = [];
  private waiters: { test: (e: WorkerEvent) => boolean; resolve: (e: WorkerEvent) => void }[] = [];

  constructor(engine: RelayEngineName | undefined = testEngine()) {
    if (engine) {
      // Every (re)start of the worker is configured for the engine before any listener starts.
      const start = this.plane.start.bind(this.plane);
      this.plane.start = async () => {
        await start();
        this.plane.send({ type: "configure", options: { engine } });
      };
    }
    this.plane.onEvent((event) => {
      this.events.push(event);
      for (const w of [...this.waiters]) {
        if (w.test(event)) {
          this.waiters = this.waiters.filter((x) => x !== w);
          w.resolve(event);
        }
      }
    });
  }

  /** The first event (already seen or upcoming) matching `test`; fails after `timeoutMs`. */
  waitFor<E extends WorkerEvent>(test: (e: WorkerEvent) => e is E, timeoutMs?: number): Promise<E>;
  waitFor(test: (e: WorkerEvent) => boolean, timeoutMs?: number): Promise<WorkerEvent>;
  waitFor(test: (e: WorkerEvent) => boolean, timeoutMs = 10_000): Promise<WorkerEvent> {
    const seen = this.events.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x.resolve !== done);
        reject(new Error(`no matching event within ${timeoutMs} ms; saw ${JSON.stringify(this.events.filter((e) => e.type !== "traffic"))}`));
      }, timeoutMs);
      const done = (e: WorkerEvent): void => {
        clearTimeout(timer);
        resolve(e);
      };
      this.waiters.push({ test, resolve: done });
    });
  }

  of(listenerId: string): WorkerEvent[] {
    return this.events.filter((e) => "listenerId" in e && e.listenerId === listenerId);
  }

  /** Starts a listener and waits until it is online. */
  async online(spec: ListenerSpec): Promise<void> {
    const from = this.events.length; // a listener id may be reused: only what follows this start counts
    this.plane.send({ type: "start", listener: spec });
    const isOutcome = (e: WorkerEvent): boolean => "listenerId" in e && e.listenerId === spec.listenerId && (e.type === "online" || e.type === "down");
    const first = await this.waitFor((e) => this.events.indexOf(e) >= from && isOutcome(e));
    if (first.type !== "online") throw new Error(`listener did not come online: ${JSON.stringify(first)}`);
  }

  /** Stops a listener and waits for its `down`. */
  async stopListener(listenerId: string, drainMs = 1000): Promise<void> {
    const before = this.of(listenerId).filter((e) => e.type === "down").length;
    this.plane.send({ type: "stop", listenerId, drainMs });
    await this.waitFor(() => this.of(listenerId).filter((e) => e.type === "down").length > before);
  }
}

let nextId = 0;

/** A spec for the emulator's `ecs-core` hybrid connection with its Listen rule. */
export function emulatorSpec(emu: RelayEmulator, targetUrl: string, overrides: Partial<ListenerSpec> = {}): ListenerSpec {
  const hc = overrides.hybridConnectionName ?? "ecs-core";
  const rule = emu.namespace.listRules().find((r) => r.name === "ecs-core-listen");
  if (!rule) throw new Error("the emulator has no ecs-core-listen rule");
  return {
    listenerId: `test-${++nextId}#1`,
    registrationId: `test-${nextId}`,
    namespace: emu.namespaceHost,
    hybridConnectionName: hc,
    secure: false,
    keyName: rule.name,
    key: rule.primaryKey,
    targetUrl,
    ...overrides,
  };
}

export interface RelayedResponse {
  status: number;
  statusMessage: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Sends one HTTP request through the emulator (as a cloud sender would) and reads the whole answer. */
export function sendThroughRelay(
  emu: RelayEmulator,
  path: string,
  init: { method?: string; headers?: http.OutgoingHttpHeaders; body?: Buffer } = {},
): Promise<RelayedResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${emu.httpUrl}${path}`,
      {
        method: init.method ?? "GET",
        agent: false,
        // Framed explicitly: Node's client would send the body of e.g. OPTIONS or DELETE unframed.
        headers: { ServiceBusAuthorization: sendToken(emu), ...(init.body ? { "content-length": init.body.length } : {}), ...init.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? "", headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

export function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** A TCP pass-through to `port` that counts the connections made through it. */
export async function countingProxy(port: number): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    count++;
    const upstream = net.connect(port, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export { eventually } from "../support/eventually";

/** The emulator, test target and started data plane a test file shares. */
export interface RelayRig {
  emu: RelayEmulator;
  target: TestTarget;
  dp: RecordingDataPlane;
}

/** Starts a rig before the file's tests and stops it after them; `bind` receives it (assign it to the file's variables). */
export function useRelayRig(bind: (rig: RelayRig) => void, targetBase = "/", engine: RelayEngineName | undefined = testEngine()): void {
  let rig: RelayRig | undefined;
  beforeAll(async () => {
    const emu = await startTestEmulator();
    const target = await startTestTarget(targetBase);
    const dp = new RecordingDataPlane(engine);
    await dp.plane.start();
    rig = { emu, target, dp };
    bind(rig);
  });
  afterAll(async () => {
    if (!rig) return;
    await rig.dp.plane.stop(1000);
    await rig.target.close();
    await rig.emu.stop();
  });
}
