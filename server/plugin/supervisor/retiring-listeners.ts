/**
 * Listeners told to stop and still draining. Each is forgotten when the worker reports it `down`, or — should that
 * never come — after its drain time plus a grace, so a registration cannot hang in STOPPING.
 */
import type { WorkerCommand } from "../../relay/protocol";
import type { TimerHandle, Timers } from "./data-plane-port";

/** How long past `drainMs` a stopped listener may stay silent before it is forgotten anyway. */
const GRACE_MS = 5_000;

export class RetiringListeners {
  private readonly guards = new Map<string, TimerHandle>();

  constructor(
    private readonly send: (command: WorkerCommand) => boolean,
    private readonly timers: Timers,
    private readonly drainMs: number,
    /** Called once per listener when it is gone (down or given up on). */
    private readonly onGone: (listenerId: string) => void,
  ) {}

  get size(): number {
    return this.guards.size;
  }

  /** Asks the worker to drain and stop the listener; false when there is no worker (so nothing left to stop). */
  retire(listenerId: string): boolean {
    if (!this.send({ type: "stop", listenerId, drainMs: this.drainMs })) return false;
    const guard = this.timers.setTimeout(() => this.gone(listenerId), this.drainMs + GRACE_MS);
    this.guards.set(listenerId, guard);
    return true;
  }

  /** The worker reported `down`; true if this was one of ours. */
  down(listenerId: string): boolean {
    if (!this.guards.has(listenerId)) return false;
    this.gone(listenerId);
    return true;
  }

  /** The worker is gone (crash or stop): every listener with it. */
  clear(): void {
    for (const id of [...this.guards.keys()]) this.gone(id);
  }

  private gone(listenerId: string): void {
    this.timers.clearTimeout(this.guards.get(listenerId));
    this.guards.delete(listenerId);
    this.onGone(listenerId);
  }
}
