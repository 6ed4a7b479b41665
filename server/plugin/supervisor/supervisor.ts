/**
 * The supervisor: turns the desired state (every registration's settings) into listeners on the data-plane worker,
 * keeps each registration's status, retries failures per the classification table and backoff, rotates keys with
 * zero downtime, and restarts the worker if it dies. Lifecycle is data (`Phase`): every method knows what it may do.
 */
import type { Disposable } from "../../host/contract";
import { assertNever } from "../../relay/assert-never";
import { RelayPluginError } from "../errors";
import type { ProbeGrant, TrafficSnapshot, WorkerEvent } from "../../relay/protocol";
import { Backoff } from "./backoff";
import type { DataPlanePort, DesiredListener, TimerHandle, Timers } from "./data-plane-port";
import { ListenerSlot, type SlotContext } from "./listener-slot";
import type { RelayState, RelayStatus, RelayStatusChange } from "./relay-status";
import { StatusHub } from "./status-hub";
import { resolveSupervisorOptions, type SupervisorDeps } from "./supervisor-options";
import { emptyTraffic } from "./traffic-ledger";
import { waitForStatus } from "./wait-for";

export type { SupervisorDeps, SupervisorOptions } from "./supervisor-options";

type Phase =
  | { phase: "idle" }
  | { phase: "starting"; done: Promise<void> }
  | { phase: "running"; since: number }
  | { phase: "recovering"; timer: TimerHandle | null }
  | { phase: "stopping"; done: Promise<void> }
  | { phase: "stopped" };

export class Supervisor {
  private state: Phase = { phase: "idle" };
  private readonly slots = new Map<string, ListenerSlot>();
  private readonly hub: StatusHub;
  private readonly subscriptions: Disposable[] = [];
  private readonly dataPlane: DataPlanePort;
  private readonly clock: () => number;
  private readonly timers: Timers;
  private readonly slotContext: SlotContext;
  private workerBackoff: Backoff;
  private generation = 0;
  /** Probe grants sent to the worker and not yet confirmed, by nonce. */
  private readonly pendingGrants = new Map<string, (held: boolean) => void>();
  private readonly createdAt: number;

  constructor(private readonly deps: SupervisorDeps) {
    const o = resolveSupervisorOptions(deps);
    this.dataPlane = deps.dataPlane;
    this.clock = o.clock;
    this.timers = o.timers;
    this.createdAt = this.clock();
    this.hub = new StatusHub(deps.logger);
    this.workerBackoff = Backoff.create(o.workerBackoff);
    this.slotContext = {
      now: this.clock,
      timers: this.timers,
      drainMs: o.drainMs,
      rotationTimeoutMs: o.rotationTimeoutMs,
      backoff: o.backoff,
      send: (command) => this.state.phase === "running" && this.dataPlane.send(command) !== false,
      newListenerId: (registrationId) => `${registrationId}#${++this.generation}`,
      emit: (change) => this.hub.emit(change),
      forget: (slot) => {
        if (this.slots.get(slot.registrationId) === slot) this.slots.delete(slot.registrationId);
      },
    };
  }

  /** Starts the data-plane worker and every enabled listener. Idempotent; rejects after `stop()`. */
  start(): Promise<void> {
    const state = this.state;
    switch (state.phase) {
      case "idle": {
        const done = this.boot();
        this.state = { phase: "starting", done };
        return done;
      }
      case "starting":
        return state.done;
      case "running":
      case "recovering":
        return Promise.resolve();
      case "stopping":
      case "stopped":
        return Promise.reject(new Error("This relay supervisor was stopped; create a new one."));
      default:
        return assertNever(state, "supervisor phase");
    }
  }

  /** Drains every listener, stops the worker, reports DISABLED everywhere. Idempotent and safe to call concurrently. */
  stop(): Promise<void> {
    const state = this.state;
    switch (state.phase) {
      case "idle":
        this.state = { phase: "stopped" };
        return Promise.resolve();
      case "starting":
        return state.done.catch(() => undefined).then(() => this.stop());
      case "running":
      case "recovering": {
        for (const settle of [...this.pendingGrants.values()]) settle(false); // no probe waits on a worker going away
        const done = this.shutdown(state);
        this.state = { phase: "stopping", done };
        return done;
      }
      case "stopping":
        return state.done;
      case "stopped":
        return Promise.resolve();
      default:
        return assertNever(state, "supervisor phase");
    }
  }

  /**
   * The complete desired state: starts new/enabled listeners, drains disabled/removed ones, applies changed settings
   * (make before break when online). The latest call wins. Before `start()` it is kept and started with the worker;
   * after `stop()` it is ignored.
   */
  apply(desired: DesiredListener[]): void {
    if (this.state.phase === "stopping" || this.state.phase === "stopped") return;
    const wanted = new Map(desired.map((d) => [d.registrationId, d]));
    for (const [id, slot] of [...this.slots]) if (!wanted.has(id)) slot.remove();
    for (const d of wanted.values()) this.slotFor(d.registrationId).update(d);
  }

  /**
   * Zero-downtime key rotation: a second listener with `next` comes online before the old one drains.
   * Rejects with RelayPluginError RELAY_REFUSED (the old listener serving on) if the relay refuses it or it is not online
   * within `rotationTimeoutMs`; with NOT_FOUND for an unknown registration.
   */
  rotate(registrationId: string, next: DesiredListener): Promise<void> {
    const slot = this.slots.get(registrationId);
    if (!slot) return Promise.reject(new RelayPluginError("NOT_FOUND", `No relay listener for registration ${registrationId}.`));
    return slot.rotate(next);
  }

  /**
   * Restarts one listener. An online one is replaced make-before-break (resolves once the new generation is online,
   * or was refused and the old one serves on); any other reconnects at once. Unknown or disabled: nothing happens.
   */
  async restart(registrationId: string): Promise<void> {
    await this.slots.get(registrationId)?.restart();
  }

  /**
   * Restarts every listener (the system operation's recycle). `restarted` is false for a disabled registration, and
   * for an online one whose new generation was refused (the old one serving on).
   */
  restartAll(): Promise<Array<{ registrationId: string; restarted: boolean }>> {
    return Promise.all(
      [...this.slots].map(async ([registrationId, slot]) => ({ registrationId, restarted: await slot.restart() })),
    );
  }

  /** The registration's status; DISABLED for an unknown one. */
  status(registrationId: string): RelayStatus {
    return this.slots.get(registrationId)?.status ?? { state: "DISABLED", since: new Date(this.createdAt) };
  }

  /** Traffic summed over the registration's listener generations; latency from the current one. */
  traffic(registrationId: string): TrafficSnapshot {
    return this.slots.get(registrationId)?.traffic.snapshot() ?? emptyTraffic();
  }

  /**
   * Hands the worker a one-time probe grant (server/relay/probe-responder.ts) and resolves true once the worker holds
   * it; false when no worker is running or it did not confirm within `ackMs` (default 2 000 ms).
   */
  grantProbe(grant: ProbeGrant, ackMs = 2_000): Promise<boolean> {
    if (this.state.phase !== "running") return Promise.resolve(false);
    return new Promise((resolve) => {
      const settle = (held: boolean): void => {
        this.timers.clearTimeout(timer);
        this.pendingGrants.delete(grant.nonce);
        resolve(held);
      };
      const timer = this.timers.setTimeout(() => settle(false), ackMs);
      this.pendingGrants.set(grant.nonce, settle);
      if (this.dataPlane.send({ type: "probe-nonce", grant }) === false) settle(false);
    });
  }

  /** Every status change, with the state before it. A throwing handler is logged and does not disturb the others. */
  onStatusChanged(handler: (change: RelayStatusChange) => void): Disposable {
    return this.hub.subscribe(handler);
  }

  /** Resolves with the status once the registration is in `state`; rejects after `timeoutMs`. */
  waitFor(registrationId: string, state: RelayState, timeoutMs: number): Promise<RelayStatus> {
    return waitForStatus(this, this.timers, registrationId, state, timeoutMs);
  }

  private slotFor(registrationId: string): ListenerSlot {
    let slot = this.slots.get(registrationId);
    if (!slot) this.slots.set(registrationId, (slot = new ListenerSlot(registrationId, this.slotContext)));
    return slot;
  }

  private async boot(): Promise<void> {
    this.subscriptions.push(this.dataPlane.onEvent((event) => this.onEvent(event)));
    const exit = this.dataPlane.onExit((code) => this.onExit(code));
    if (exit) this.subscriptions.push(exit);
    try {
      await this.dataPlane.start();
    } catch (error) {
      for (const s of this.subscriptions.splice(0)) s.dispose();
      this.state = { phase: "idle" };
      throw error;
    }
    if (this.state.phase === "starting") this.workerUp();
  }

  private workerUp(): void {
    this.state = { phase: "running", since: this.clock() };
    this.dataPlane.send({ type: "configure", options: this.deps.dataPlaneOptions ?? {} });
    for (const slot of this.slots.values()) slot.resume();
  }

  private onEvent(event: WorkerEvent): void {
    if (this.state.phase !== "running") return; // late events of a worker we stopped or lost
    switch (event.type) {
      case "ready":
      case "connecting":
      case "requests": // the request journal's (server/plugin/journal/), which listens to the data plane itself
        return;
      case "fault":
        return this.deps.logger?.warn("relay data plane fault (contained)", { listenerId: event.listenerId, message: event.message });
      case "probe-granted":
        return this.pendingGrants.get(event.nonce)?.(true);
      case "online":
      case "down":
      case "traffic": {
        const registrationId = event.listenerId.slice(0, event.listenerId.lastIndexOf("#"));
        return this.slots.get(registrationId)?.handle(event);
      }
      default:
        return assertNever(event, "worker event");
    }
  }

  /** The worker died while we wanted it: every listener reports RECONNECTING until it is back. */
  private onExit(code: number): void {
    const state = this.state;
    if (state.phase !== "running") return;
    this.deps.logger?.error("relay data plane exited; restarting it", { code });
    this.workerBackoff = this.workerBackoff.afterOnline(this.clock() - state.since);
    this.scheduleRecovery();
  }

  private scheduleRecovery(): void {
    this.workerBackoff = this.workerBackoff.next();
    const delay = this.workerBackoff.delayMs;
    const recovering: Phase & { phase: "recovering" } = { phase: "recovering", timer: null };
    this.state = recovering;
    const retryAt = new Date(this.clock() + delay);
    for (const slot of this.slots.values()) slot.workerLost(retryAt);
    recovering.timer = this.timers.setTimeout(() => void this.recover(recovering), delay);
  }

  private async recover(recovering: Phase & { phase: "recovering" }): Promise<void> {
    recovering.timer = null;
    try {
      await this.dataPlane.start();
    } catch (error) {
      this.deps.logger?.error("relay data plane failed to restart", { message: String(error) });
      if (this.state === recovering) this.scheduleRecovery();
      return;
    }
    if (this.state === recovering) this.workerUp();
  }

  private async shutdown(state: Phase & { phase: "running" | "recovering" }): Promise<void> {
    if (state.phase === "recovering" && state.timer !== null) this.timers.clearTimeout(state.timer);
    for (const slot of this.slots.values()) slot.shutdown();
    try {
      await this.dataPlane.stop(this.slotContext.drainMs);
    } catch (error) {
      this.deps.logger?.warn("relay data plane did not stop cleanly", { message: String(error) });
    }
    for (const slot of this.slots.values()) slot.stopped();
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.state = { phase: "stopped" };
  }
}
