/**
 * One registration's listener(s) and status: turns desired settings and worker events into `start`/`stop` commands
 * and status changes — when to start, retry, swap or stop, and what to report. Which listeners exist, and in which
 * role, is `ListenerGenerations` (listener-generations.ts); a make-before-break change is a `ListenerSwap`.
 */
import { RelayPluginError } from "../errors";
import type { RelaySignal, WorkerEvent } from "../../relay/protocol";
import { assertNever } from "../../relay/assert-never";
import type { BackoffOptions } from "./backoff";
import type { DesiredListener } from "./data-plane-port";
import { classifyFailure, WORKER_CRASHED, type Classification } from "./failure-classification";
import { ListenerGenerations, type GenerationsContext } from "./listener-generations";
import { ReconnectSchedule } from "./reconnect-schedule";
import { isFailureStatus, type RelayError, type RelayStatus, type RelayStatusChange } from "./relay-status";
import { StatusCell } from "./status-cell";
import type { TrafficLedger } from "./traffic-ledger";

/** What a slot needs from its supervisor. */
export interface SlotContext extends GenerationsContext {
  now(): number;
  readonly backoff: BackoffOptions;
  emit(change: RelayStatusChange): void;
  /** The slot of a removed registration has finished stopping. */
  forget(slot: ListenerSlot): void;
}

/** The worker events addressed to one listener that change a slot. */
export type SlotEvent = Extract<WorkerEvent, { type: "online" | "down" | "traffic" }>;

export class ListenerSlot {
  /** The settings the registration should run with; null before the first `update` and after `remove`. */
  private desired: DesiredListener | null = null;
  private removed = false;
  private readonly cell: StatusCell;
  private readonly schedule: ReconnectSchedule;
  private readonly listeners: ListenerGenerations;

  constructor(
    readonly registrationId: string,
    private readonly ctx: SlotContext,
  ) {
    this.cell = new StatusCell(registrationId, ctx.now, ctx.emit);
    this.listeners = new ListenerGenerations(registrationId, ctx, () => this.finishStopping());
    this.schedule = new ReconnectSchedule(ctx.backoff, ctx.timers, ctx.now);
  }

  /** Traffic summed over the registration's listener generations. */
  get traffic(): TrafficLedger {
    return this.listeners.traffic;
  }

  /** The current status (DISABLED before the first `update`). */
  get status(): RelayStatus {
    return this.cell.status;
  }

  get enabled(): boolean {
    return !this.removed && this.desired?.enabled === true;
  }

  /** Applies new desired settings: start, stop, or bring the new settings up beside the old. */
  update(next: DesiredListener): void {
    const prev = this.desired;
    this.removed = false;
    if (prev && prev.settingsVersion === next.settingsVersion && prev.enabled === next.enabled && this.cell.value) return;
    const swap = this.listeners.swap;
    if (swap) {
      if (next.enabled && swap.live.desired.settingsVersion === next.settingsVersion) return;
      this.listeners.cancelSwap(new RelayPluginError("CONFLICT", "The relay settings changed again before the change completed."));
    }
    this.desired = next;
    if (!next.enabled) return this.disable();
    if (this.listeners.active?.online) return this.listeners.beginSwap(next, "adopt-new", () => undefined);
    this.startFresh();
  }

  /** The registration was removed: drain and stop, then the supervisor forgets the slot. */
  remove(): void {
    this.removed = true;
    this.desired = null;
    this.disable();
  }

  /**
   * Brings `next` (new key) up beside the current listener; resolves once it is online and the old one is draining.
   * Rejects with RELAY_REFUSED, the old listener untouched, if the relay refuses it or it is not online in time.
   */
  rotate(next: DesiredListener): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.enabled || !next.enabled || next.settingsVersion === this.desired?.settingsVersion) {
        // Nothing running that could prove the key: the new settings simply apply.
        this.update(next);
        return resolve();
      }
      if (this.listeners.swap) this.listeners.cancelSwap(new RelayPluginError("CONFLICT", "Superseded by a newer key rotation."));
      this.listeners.beginSwap(next, "keep-old", (error) => (error ? reject(error) : resolve()));
    });
  }

  /**
   * Restarts the listener. When online, the new generation is brought up first (true once it is online, false if it
   * was refused — the old one serving on); otherwise it reconnects at once (true unless the worker is down).
   */
  restart(): Promise<boolean> {
    if (!this.enabled) return Promise.resolve(false);
    if (this.listeners.swap) this.listeners.cancelSwap(new RelayPluginError("CONFLICT", "The listener was restarted during the change."));
    const desired = this.desired!;
    if (this.listeners.active?.online) return new Promise((resolve) => this.listeners.beginSwap(desired, "keep-old", (e) => resolve(e === null)));
    this.startFresh();
    return Promise.resolve(this.listeners.active !== null);
  }

  /** Routes a worker event for one of this slot's listeners. */
  handle(event: SlotEvent): void {
    switch (event.type) {
      case "online":
        return this.onOnline(event.listenerId);
      case "down":
        return this.onDown(event.listenerId, event.signal);
      case "traffic":
        return this.traffic.update(event.listenerId, event.traffic);
      default:
        return assertNever(event, "slot event");
    }
  }

  /** The worker died: every listener is gone. Report RECONNECTING until `resume()`. */
  workerLost(nextRetryAt: Date): void {
    this.dropEverything(new RelayPluginError("RELAY_REFUSED", "The relay data plane restarted during the change; the previous settings stay in use."));
    if (!this.enabled) return this.finishStopping();
    this.cell.failure("RECONNECTING", this.schedule.attempts, WORKER_CRASHED, nextRetryAt);
  }

  /** The worker is (back) up: start the listener if it should run and is not running. */
  resume(): void {
    if (this.enabled && !this.listeners.active && !this.schedule.pending) this.attemptNow();
  }

  /** The supervisor is stopping: forget every listener (the worker drains them all) and show STOPPING. */
  shutdown(): void {
    this.dropEverything(new RelayPluginError("RELAY_REFUSED", "The relay supervisor is stopping."));
    if (this.cell.value && this.cell.value.state !== "DISABLED") this.cell.plain("STOPPING");
  }

  /** The supervisor has stopped. */
  stopped(): void {
    this.cell.plain("DISABLED");
  }

  private onOnline(id: string): void {
    const role = this.listeners.roleOf(id);
    if (role === "swap") return this.promote();
    if (role !== "active") return;
    this.listeners.activeOnline();
    this.schedule.online();
    this.cell.plain("ONLINE");
  }

  private onDown(id: string, signal: RelaySignal | undefined): void {
    if (this.listeners.retiredDown(id)) return;
    const role = this.listeners.roleOf(id);
    if (role === "swap") return this.swapFailed(classifyFailure(signal));
    if (role === "active") this.activeDown(signal);
  }

  private activeDown(signal: RelaySignal | undefined): void {
    const active = this.listeners.activeDown();
    if (active.online) this.schedule.dropped();
    if (this.listeners.swap?.policy === "adopt-new") {
      // The old settings' listener is gone; the new settings' one, still connecting, just becomes the active one.
      this.listeners.adoptSwap();
      this.schedule.reset();
      this.schedule.attempts = 1;
      return this.cell.connecting(1);
    }
    this.fail(classifyFailure(signal));
  }

  private startFresh(): void {
    this.listeners.retireActive();
    this.schedule.reset();
    this.attemptNow(true);
  }

  /**
   * Starts a listener now. A retry keeps its failure state (with `nextRetryAt: null`: under way), as the last error
   * is still the best explanation; a fresh start (new settings, restart) reports CONNECTING (attempt 0 while the
   * worker is not up yet).
   */
  private attemptNow(fresh = false): void {
    const launched = this.launchActive();
    const s = this.cell.value;
    if (fresh || !s || !isFailureStatus(s)) return this.cell.connecting(this.schedule.attempts);
    if (launched) this.cell.set({ ...s, attempt: this.schedule.attempts, nextRetryAt: null });
  }

  /** A failure of the active listener: retry per the verdict. Only the first retry of a run is immediate. */
  private fail(c: Classification): void {
    const delay = this.schedule.delayAfter(c);
    const error: RelayError = { code: c.code, message: c.message, advice: c.advice, ...(c.params ? { params: c.params } : {}) };
    if (delay > 0) {
      this.schedule.schedule(delay, () => this.attemptNow());
      return this.cell.failure(c.state, this.schedule.attempts, error, new Date(this.ctx.now() + delay));
    }
    // Reported as one change: the failure, with the retry already under way.
    this.launchActive();
    this.cell.failure(c.state, this.schedule.attempts, error, null);
  }

  /** Starts the desired settings as the active listener, counting the attempt; false when the worker is down. */
  private launchActive(): boolean {
    if (!this.listeners.launchActive(this.desired!)) return false;
    this.schedule.attempts += 1;
    return true;
  }

  /** The new generation is online: it becomes the active one and the old one drains. */
  private promote(): void {
    const swap = this.listeners.promoteSwap();
    this.desired = swap.live.desired;
    this.schedule.reset();
    this.schedule.online();
    this.cell.plain("ONLINE");
    swap.switched();
  }

  /** The relay refused the new generation before it was online. */
  private swapFailed(c: Classification): void {
    const swap = this.listeners.takeSwap();
    swap.failed(c);
    if (swap.policy === "keep-old") return;
    // adopt-new: the desired settings are the new ones, so the old listener must not keep serving the old ones.
    this.listeners.retireActive();
    this.schedule.reset();
    this.schedule.attempts = 1;
    this.fail(c);
  }

  private disable(): void {
    if (this.listeners.swap) this.listeners.cancelSwap(new RelayPluginError("CONFLICT", "The registration was disabled or removed during the change."));
    this.listeners.retireActive();
    this.schedule.reset();
    if (this.listeners.draining) this.cell.plain("STOPPING");
    else this.finishStopping();
  }

  /** Once a disabled or removed registration has nothing left draining: DISABLED, and a removed slot is forgotten. */
  private finishStopping(): void {
    if (this.enabled || !this.listeners.stopped) return;
    this.cell.plain("DISABLED");
    if (this.removed) this.ctx.forget(this);
  }

  /** The worker is gone (crash or stop), and every listener with it. */
  private dropEverything(swapError: RelayPluginError): void {
    this.schedule.cancel();
    if (this.listeners.active?.online) this.schedule.dropped();
    this.listeners.dropEverything(swapError);
  }
}
