/**
 * Entry of the data-plane worker thread (docs/design.md §2). hyco-https is loaded here and only here: it rewrites the
 * process-wide `https` module when required, and some of its paths throw from event callbacks — inside a worker
 * such a throw is caught below (or, at worst, ends this thread, which the supervisor restarts), never the host.
 */
import { createRelayedServer } from "hyco-https";
import { AsyncLocalStorage } from "node:async_hooks";
import { parentPort } from "node:worker_threads";
import { assertNever } from "./assert-never";
import { hycoEngineFactory } from "./hyco-engine";
import { RelayListener, type CreateRelayedServer } from "./listener";
import { createNativeEngine } from "./native/native-engine";
import { configureProxy } from "./native/outbound-proxy";
import { DEFAULT_DATA_PLANE_OPTIONS, resolveOptions, type ResolvedDataPlaneOptions } from "./options";
import type { PackedRequestBatch, WorkerCommand, WorkerMessage } from "./protocol";
import { workerTargetGuard } from "./target-guard";
import { redact } from "./relay-signal";
import { probeGrants } from "./probe-responder";

/** Traffic is reported at most this often per listener (and only when it changed). */
const TRAFFIC_INTERVAL_MS = 1000;
/**
 * Journal records go to the control plane this often, every listener's in one message (a listener at BATCH_LIMIT
 * sends its own at once): no message per request on the hot path, one per tick however many listeners. Short, so a
 * record is young when it leaves (it need not survive a GC scavenge here): 200 ms cost the host ~17 % more CPU per
 * request than off, 50 ms 3–10 % (bench scenario 8). The live tail is a twentieth of a second behind.
 */
const RECORDS_INTERVAL_MS = 50;

if (!parentPort) throw new Error("worker-main must run in a worker thread (see data-plane.ts)");
const port = parentPort;

let options: ResolvedDataPlaneOptions = { ...DEFAULT_DATA_PLANE_OPTIONS };
const createHycoEngine = hycoEngineFactory(createRelayedServer as unknown as CreateRelayedServer);
const listeners = new Map<string, RelayListener>();
/**
 * The listener on whose behalf the current callback runs. Everything a listener sets in motion (its sockets,
 * hyco-https's timers and rendezvous sockets, our handlers) is created inside `owner.run(listener, …)`, so a throw
 * that escapes to `uncaughtException` is still attributed to the listener it broke — and that listener is recycled.
 */
const owner = new AsyncLocalStorage<RelayListener>();

function post(event: WorkerMessage): void {
  port.postMessage(event);
}

function fault(error: unknown, listenerId?: string): void {
  const message = redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  post(listenerId ? { type: "fault", listenerId, message } : { type: "fault", message });
}

/** Events from a listener go out as they are; `down` also forgets it (a later `start` may reuse the id). */
function listenerEvent(listener: RelayListener, event: WorkerMessage): void {
  if (event.type === "down" && listeners.get(event.listenerId) === listener) listeners.delete(event.listenerId);
  post(event);
}

function startListener(spec: Extract<WorkerCommand, { type: "start" }>["listener"]): void {
  if (listeners.has(spec.listenerId)) return fault(new Error(`listener ${spec.listenerId} is already running`), spec.listenerId);
  const listener: RelayListener = new RelayListener(
    spec,
    () => options,
    (event) => listenerEvent(listener, event),
    // Chosen at start: a listener keeps its engine for its whole lifecycle, a new setting applies to the next start.
    options.engine === "native" ? createNativeEngine : createHycoEngine,
  );
  listeners.set(spec.listenerId, listener);
  owner.run(listener, () => listener.start());
}

async function stopListener(listenerId: string, drainMs: number): Promise<void> {
  const listener = listeners.get(listenerId);
  // Unknown (never started, or already down): acknowledge anyway, so every stop is answered by a `down`.
  if (!listener) return post({ type: "down", listenerId });
  await owner.run(listener, () => listener.stop(drainMs));
}

async function shutdown(drainMs: number): Promise<void> {
  clearInterval(trafficTimer);
  clearInterval(recordsTimer);
  await Promise.all([...listeners.values()].map((l) => owner.run(l, () => l.stop(drainMs))));
  port.off("message", onCommand);
  // Exit explicitly: a socket still finishing its close handshake must not keep the thread alive.
  setImmediate(() => process.exit(0));
}

function handle(command: WorkerCommand): void | Promise<void> {
  switch (command.type) {
    case "configure":
      options = resolveOptions(options, command.options);
      workerTargetGuard.configure(options.targetGuard);
      configureProxy(options.proxy);
      return;
    case "start":
      return startListener(command.listener);
    case "stop":
      return stopListener(command.listenerId, command.drainMs);
    case "shutdown":
      return shutdown(command.drainMs);
    case "probe-nonce":
      probeGrants.issue(command.grant);
      return post({ type: "probe-granted", nonce: command.grant.nonce });
    default:
      return assertNever(command, "command");
  }
}

function onCommand(command: WorkerCommand): void {
  try {
    Promise.resolve(handle(command)).catch((error: unknown) => fault(error));
  } catch (error) {
    fault(error, "listener" in command ? command.listener.listenerId : "listenerId" in command ? command.listenerId : undefined);
  }
}

const trafficTimer = setInterval(() => {
  for (const listener of listeners.values()) {
    const traffic = listener.takeTraffic();
    if (traffic) post({ type: "traffic", listenerId: listener.id, traffic });
  }
}, TRAFFIC_INTERVAL_MS);

const recordsTimer = setInterval(() => {
  const batches: PackedRequestBatch[] = [];
  for (const listener of listeners.values()) {
    const records = listener.takeRecords();
    if (records) batches.push({ listenerId: listener.id, records });
  }
  if (batches.length > 0) post({ type: "requests-packed", batches });
}, RECORDS_INTERVAL_MS);

// hyco-https throws from event callbacks on some paths (relay-protocol-notes.md §5); message-guard.ts catches those in
// message handlers, this catches the rest. The listener it happened in is recycled (it reports the fault and goes
// `down`); the other listeners are unaffected. A throw outside any listener is reported only.
function onEscapedThrow(error: unknown): void {
  const listener = owner.getStore();
  if (listener && listeners.get(listener.id) === listener) return listener.crashed(error);
  fault(error);
}
process.on("uncaughtException", onEscapedThrow);
process.on("unhandledRejection", onEscapedThrow);

port.on("message", onCommand);
post({ type: "ready" });
