/**
 * CPU profiles of a process's worker threads, from its main thread: the inspector's NodeWorker domain attaches to
 * each worker and relays Profiler commands. The host's data-plane worker exits through process.exit, which loses a
 * --cpu-prof profile, so the relay's hot path is profiled this way instead.
 */
import { Session } from "node:inspector";

interface Attached {
  sessionId: string;
  title: string;
}

export class WorkerProfiler {
  private readonly session = new Session();
  private readonly workers: Attached[] = [];
  private readonly pending = new Map<number, (result: unknown) => void>();
  private nextId = 1;

  async start(): Promise<number> {
    this.session.connect();
    this.session.on("NodeWorker.attachedToWorker", (m: { params: { sessionId: string; workerInfo: { title: string } } }) => {
      this.workers.push({ sessionId: m.params.sessionId, title: m.params.workerInfo.title });
    });
    this.session.on("NodeWorker.receivedMessageFromWorker", (m: { params: { message: string } }) => {
      const reply = JSON.parse(m.params.message) as { id?: number; result?: unknown };
      if (reply.id !== undefined) this.pending.get(reply.id)?.(reply.result);
    });
    await this.post("NodeWorker.enable", { waitForDebuggerOnStart: false });
    await new Promise((r) => setTimeout(r, 100)); // attach events for running workers arrive right after enable
    for (const w of this.workers) {
      await this.toWorker(w, "Profiler.enable");
      await this.toWorker(w, "Profiler.setSamplingInterval", { interval: 200 });
      await this.toWorker(w, "Profiler.start");
    }
    return this.workers.length;
  }

  /** Stops every worker's profiler; returns one profile per worker (title + profile JSON). */
  async stop(): Promise<Array<{ title: string; profile: unknown }>> {
    const out: Array<{ title: string; profile: unknown }> = [];
    for (const w of this.workers) {
      const result = (await this.toWorker(w, "Profiler.stop")) as { profile: unknown } | undefined;
      if (result) out.push({ title: w.title, profile: result.profile });
    }
    this.session.disconnect();
    return out;
  }

  private post(method: string, params: object = {}): Promise<unknown> {
    return new Promise((resolve, reject) => this.session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  }

  private toWorker(w: Attached, method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    const answered = new Promise<unknown>((resolve) => {
      const timer = setTimeout(() => (this.pending.delete(id), resolve(undefined)), 5000);
      this.pending.set(id, (result) => (clearTimeout(timer), this.pending.delete(id), resolve(result)));
    });
    void this.post("NodeWorker.sendMessageToWorker", { sessionId: w.sessionId, message: JSON.stringify({ id, method, params }) });
    return answered;
  }
}
