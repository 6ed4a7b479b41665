/**
 * Main-thread handle of the data-plane worker (docs/design.md §2): starts it, passes `WorkerCommand`s in and
 * `WorkerEvent`s out, reports a crash, and stops it. Knows nothing of listeners; the supervisor decides everything.
 * The worker file imports nothing from server/plugin (no GraphQL, no decorators), so a plain TS loader suffices.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Disposable } from "../host/contract";
import { assertNever } from "./assert-never";
import { unpackRecords, type PackedRecords } from "./packed-records";
import type { RequestBatch, RequestRecord, WorkerCommand, WorkerEvent, WorkerMessage } from "./protocol";
import { redact } from "./relay-signal";

export interface DataPlaneConfig {
  /** Worker entry. Default: `worker-main` beside this file, `.ts` when running from source, `.js` when built. */
  workerFile?: string;
  /** How long `start()` waits for the worker's `ready`. Default 15 000 ms: compiling the worker from TS takes a while on a cold cache. */
  readyTimeoutMs?: number;
  /** How long `stop()` waits for the worker to exit beyond `drainMs` before terminating it. Default 2 000 ms. */
  exitGraceMs?: number;
}

/** The worker's lifecycle. `idle`: none running (never started, or it crashed — `start()` again). */
type Phase =
  | { name: "idle" }
  | { name: "starting"; worker: Worker; ready: Promise<void> }
  | { name: "running"; worker: Worker }
  | { name: "stopping"; worker: Worker; done: Promise<void> }
  | { name: "stopped" };

export type DataPlanePhase = Phase["name"];

export class DataPlane {
  private phase: Phase = { name: "idle" };
  private readonly eventHandlers = new Set<(event: WorkerEvent) => void>();
  private readonly exitHandlers = new Set<(code: number) => void>();
  private readonly workerFile: string;
  private readonly readyTimeoutMs: number;
  private readonly exitGraceMs: number;

  constructor(config: DataPlaneConfig = {}) {
    this.workerFile = config.workerFile ?? path.join(__dirname, `worker-main${path.extname(__filename) || ".js"}`);
    this.readyTimeoutMs = config.readyTimeoutMs ?? 15_000;
    this.exitGraceMs = config.exitGraceMs ?? 2_000;
  }

  get state(): DataPlanePhase {
    return this.phase.name;
  }

  /** Starts the worker and resolves on its `ready`; a no-op while it runs. Allowed again after a crash or `stop()`. */
  async start(): Promise<void> {
    const phase = this.phase;
    switch (phase.name) {
      case "idle":
      case "stopped":
        return this.spawn();
      case "starting":
        return phase.ready;
      case "running":
        return;
      case "stopping":
        await phase.done;
        return this.start();
      default:
        return assertNever(phase, "data-plane phase");
    }
  }

  /** Posts a command; false (and nothing sent) when no worker is running — after a crash, re-send once restarted. */
  send(command: WorkerCommand): boolean {
    if (this.phase.name !== "starting" && this.phase.name !== "running") return false;
    this.phase.worker.postMessage(command);
    return true;
  }

  onEvent(handler: (event: WorkerEvent) => void): Disposable {
    this.eventHandlers.add(handler);
    return { dispose: () => this.eventHandlers.delete(handler) };
  }

  /** Called when the worker ends without being asked to (a crash), with its exit code. Not called after `stop()`. */
  onExit(handler: (code: number) => void): Disposable {
    this.exitHandlers.add(handler);
    return { dispose: () => this.exitHandlers.delete(handler) };
  }

  /** Drains every listener (bounded by `drainMs`), then ends the worker; terminates it if it lingers. Idempotent. */
  stop(drainMs: number): Promise<void> {
    const phase = this.phase;
    switch (phase.name) {
      case "idle":
      case "stopped":
        return Promise.resolve();
      case "stopping":
        return phase.done;
      case "starting":
      case "running": {
        const done = this.shutdown(phase.worker, drainMs);
        this.phase = { name: "stopping", worker: phase.worker, done };
        return done;
      }
      default:
        return assertNever(phase, "data-plane phase");
    }
  }

  /** Ends the worker abruptly, exactly as a crash would (exit handlers run). For tests and last-resort recovery. */
  async crash(): Promise<void> {
    if (this.phase.name === "starting" || this.phase.name === "running") await this.phase.worker.terminate();
  }

  private spawn(): Promise<void> {
    const isTs = this.workerFile.endsWith(".ts");
    // env: this module's view of process.env (the worker reads HTTPS_PROXY / NO_PROXY from it; Node's default would be
    // the process's original environment, which differs inside a test sandbox).
    const worker = new Worker(this.workerFile, { execArgv: isTs ? ["-r", "@swc-node/register"] : [], env: { ...process.env } });
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`data-plane worker not ready within ${this.readyTimeoutMs} ms`));
        void worker.terminate();
      }, this.readyTimeoutMs);
      worker.on("message", (message: WorkerMessage) => {
        const event = unpacked(message);
        if (event.type === "ready" && this.phase.name === "starting" && this.phase.worker === worker) {
          clearTimeout(timer);
          this.phase = { name: "running", worker };
          resolve();
        }
        this.dispatch(event);
      });
      // An error that ended the worker: pass its text on as a fault (the `exit` that follows reports the crash).
      worker.on("error", (error) => this.dispatch({ type: "fault", message: redact(`data-plane worker died: ${error.message}`) }));
      worker.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`data-plane worker exited with code ${code} before it was ready`));
        this.onWorkerExit(worker, code);
      });
    });
    // Callers awaiting start() see a failure; an un-awaited one must not become an unhandled rejection in the host.
    ready.catch(() => undefined);
    this.phase = { name: "starting", worker, ready };
    return ready;
  }

  private onWorkerExit(worker: Worker, code: number): void {
    const phase = this.phase;
    if (phase.name === "stopping" || !("worker" in phase) || phase.worker !== worker) return;
    this.phase = { name: "idle" };
    for (const handler of [...this.exitHandlers]) handler(code);
  }

  private async shutdown(worker: Worker, drainMs: number): Promise<void> {
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.postMessage({ type: "shutdown", drainMs } satisfies WorkerCommand);
    let timer: NodeJS.Timeout | undefined;
    const lingered = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), drainMs + this.exitGraceMs)));
    if (await Promise.race([exited.then(() => false), lingered])) await worker.terminate();
    clearTimeout(timer);
    await exited;
    this.phase = { name: "stopped" };
  }

  private dispatch(event: WorkerEvent): void {
    for (const handler of [...this.eventHandlers]) {
      try {
        handler(event);
      } catch {
        // A failing subscriber must not stop the others from hearing about the data plane.
      }
    }
  }
}

/** The worker's message as an event: packed journal records stay packed, their `records` built only if read. */
function unpacked(message: WorkerMessage): WorkerEvent {
  if (message.type !== "requests-packed") return message;
  return { type: "requests", batches: message.batches.map((b) => lazyBatch(b.listenerId, b.records)) };
}

function lazyBatch(listenerId: string, packed: PackedRecords): RequestBatch {
  let records: RequestRecord[] | undefined;
  return {
    listenerId,
    packed,
    get records() {
      return (records ??= unpackRecords(packed));
    },
  };
}
