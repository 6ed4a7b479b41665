/**
 * One registration's listener(s) and status: turns desired settings and worker events into `start`/`stop` commands
 * and status changes. At most three kinds of listener exist at once:
 * - `active`: the one serving (or trying to);
 * - `swap`: a second generation brought up beside it (key rotation, settings change, restart) so the relay always
 *   has a listener — make before break;
 * - `retiring`: listeners told to stop, draining in-flight requests, until the worker reports them `down`.
 */
import { RelayPluginError } from "../errors";
import type { RelaySignal, WorkerCommand, WorkerEvent } from "../../relay/protocol";
import type { BackoffOptions } from "./backoff";
import { toListenerSpec, type DesiredListener, type TimerHandle, type Timers } from "./data-plane-port";
import { classifyFailure, rotationTimedOut, WORKER_CRASHED, type Classification } from "./failure-classification";
import { ReconnectSchedule } from "./reconnect-schedule";
import { isFailureStatus, type RelayError, type RelayStatus, type RelayStatusChange } from "./relay-status";
import { RetiringListeners } from "./retiring-listeners";
import { StatusCell } from "./status-cell";
import { TrafficLedger } from "./traffic-ledger";

/** What a slot needs from its supervisor. */
export interface SlotContext {
  now(): number;
  readonly timers: Timers;
  readonly drainMs: number;
  readonly rotationTimeoutMs: number;
  readonly backoff: BackoffOptions;
  /** Sends a command; false when the worker is down (the slot then waits for `resume()`). */
  send(command: WorkerCommand): boolean;
  newListenerId(registrationId: string): string;
  emit(change: RelayStatusChange): void;
  /** The slot of a removed registration has finished stopping. */
  forget(slot: ListenerSlot): void;
}

/** The worker events addressed to one listener that change a slot. */
export type SlotEvent = Extract<WorkerEvent, { type: "online" | "down" | "traffic" }>;

interface Live {
  id: string;
  desired: DesiredListener;
  online: boolean;
}

interface Swap {
  live: Live;
  /** keep-old: if the new one fails the old serves on (rotation, restart); adopt-new: the new settings win anyway. */
  policy: "keep-old" | "adopt-new";
  timer: TimerHandle | null;
  settle(error: RelayPluginError | null): void;
}

export class ListenerSlot {
  readonly traffic = new TrafficLedger();
  private desired: DesiredListener | null = null;
  private active: Live | null = null;
  private swap: Swap | null = null;
  private removed = false;
  private readonly cell: StatusCell;
  private readonly retiring: RetiringListeners;
  private readonly schedule: ReconnectSchedule;

  constructor(
    readonly registrationId: string,
    private readonly ctx: SlotContext,
  ) {
    this.cell = new StatusCell(registrationId, ctx.now, ctx.emit);
    this.retiring = new RetiringListeners(ctx.send, ctx.timers, ctx.drainMs, (id) => {
      this.traffic.retire(id);
      this.finishStopping();
    });
    this.schedule = new ReconnectSchedule(ctx.backoff, ctx.timers, ctx.now);
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
    if (this.swap) {
      if (next.enabled && this.swap.live.desired.settingsVersion === next.settingsVersion) return;
      this.cancelSwap(new RelayPluginError("CONFLICT", "The relay settings changed again before the change completed."));
    }
    this.desired = next;
    if (!next.enabled) return this.disable();
    if (this.active?.online) return this.beginSwap(next, "adopt-new", () => undefined);
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
      if (this.swap) this.cancelSwap(new RelayPluginError("CONFLICT", "Superseded by a newer key rotation."));
      this.beginSwap(next, "keep-old", (error) => (error ? reject(error) : resolve()));
    });
  }

  /**
   * Restarts the listener. When online, the new generation is brought up first (true once it is online, false if it
   * was refused — the old one serving on); otherwise it reconnects at once (true unless the worker is down).
   */
  restart(): Promise<boolean> {
    if (!this.enabled) return Promise.resolve(false);
    if (this.swap) this.cancelSwap(new RelayPluginError("CONFLICT", "The listener was restarted during the change."));
    const desired = this.desired!;
    if (this.active?.online) return new Promise((resolve) => this.beginSwap(desired, "keep-old", (e) => resolve(e === null)));
    this.startFresh();
    return Promise.resolve(this.active !== null);
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
    if (this.enabled && !this.active && !this.schedule.pending) this.attemptNow();
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
    if (this.swap?.live.id === id) return this.promote();
    if (this.active?.id !== id) return;
    this.active.online = true;
    this.schedule.online();
    this.traffic.setCurrent(id);
    this.cell.plain("ONLINE");
  }

  private onDown(id: string, signal: RelaySignal | undefined): void {
    if (this.retiring.down(id)) return;
    if (this.swap?.live.id === id) {
      const c = classifyFailure(signal);
      return this.swapFailed(c, c);
    }
    if (this.active?.id === id) this.activeDown(signal);
  }

  private activeDown(signal: RelaySignal | undefined): void {
    const active = this.active!;
    this.traffic.retire(active.id);
    this.active = null;
    if (active.online) this.schedule.dropped();
    const swap = this.swap;
    if (swap?.policy === "adopt-new") {
      // The old settings' listener is gone; the new settings' one, still connecting, just becomes the active one.
      this.swap = null;
      this.active = swap.live;
      this.schedule.reset();
      this.schedule.attempts = 1;
      return this.cell.connecting(1);
    }
    this.fail(classifyFailure(signal));
  }

  private startFresh(): void {
    if (this.active) this.retire(this.active);
    this.active = null;
    this.schedule.reset();
    this.attemptNow(true);
  }

  /**
   * Starts a listener now. A retry keeps its failure state (with `nextRetryAt: null`: under way), as the last error
   * is still the best explanation; a fresh start (new settings, restart) reports CONNECTING (attempt 0 while the
   * worker is not up yet).
   */
  private attemptNow(fresh = false): void {
    const live = this.launch(this.desired!);
    if (live) {
      this.active = live;
      this.schedule.attempts += 1;
    }
    const s = this.cell.value;
    if (fresh || !s || !isFailureStatus(s)) return this.cell.connecting(this.schedule.attempts);
    if (live) this.cell.set({ ...s, attempt: this.schedule.attempts, nextRetryAt: null });
  }

  /** A failure of the active listener: retry per the verdict. Only the first retry of a run is immediate. */
  private fail(c: Classification): void {
    const delay = this.schedule.delayAfter(c);
    const error: RelayError = { code: c.code, message: c.message, advice: c.advice };
    if (delay > 0) {
      this.schedule.schedule(delay, () => this.attemptNow());
      return this.cell.failure(c.state, this.schedule.attempts, error, new Date(this.ctx.now() + delay));
    }
    // Reported as one change: the failure, with the retry already under way.
    const live = this.launch(this.desired!);
    if (live) {
      this.active = live;
      this.schedule.attempts += 1;
    }
    this.cell.failure(c.state, this.schedule.attempts, error, null);
  }

  private beginSwap(next: DesiredListener, policy: Swap["policy"], settle: Swap["settle"]): void {
    const live = this.launch(next);
    if (!live) return settle(new RelayPluginError("RELAY_REFUSED", "The relay data plane is restarting; try again in a moment."));
    const timer = policy === "keep-old" ? this.ctx.timers.setTimeout(() => this.swapTimedOut(), this.ctx.rotationTimeoutMs) : null;
    this.swap = { live, policy, timer, settle };
  }

  /** The new generation is online: it becomes the active one and the old one drains. */
  private promote(): void {
    const swap = this.takeSwap();
    if (this.active) this.retire(this.active);
    this.active = { ...swap.live, online: true };
    this.desired = swap.live.desired;
    this.schedule.reset();
    this.schedule.online();
    this.traffic.setCurrent(swap.live.id);
    this.cell.plain("ONLINE");
    swap.settle(null);
  }

  /** The new generation failed before it was online (`c`: what the relay said; absent after a timeout). */
  private swapFailed(error: RelayError, c?: Classification): void {
    const swap = this.takeSwap();
    this.traffic.retire(swap.live.id);
    swap.settle(new RelayPluginError("RELAY_REFUSED", `Not switched; the current listener keeps serving. ${error.message} ${error.advice}`));
    if (swap.policy === "keep-old" || !c) return;
    // adopt-new: the desired settings are the new ones, so the old listener must not keep serving the old ones.
    if (this.active) this.retire(this.active);
    this.active = null;
    this.schedule.reset();
    this.schedule.attempts = 1;
    this.fail(c);
  }

  private swapTimedOut(): void {
    this.swap!.timer = null;
    this.retire(this.swap!.live);
    this.swapFailed(rotationTimedOut(this.ctx.rotationTimeoutMs));
  }

  private cancelSwap(error: RelayPluginError): void {
    const swap = this.takeSwap();
    this.retire(swap.live);
    swap.settle(error);
  }

  private takeSwap(): Swap {
    const swap = this.swap!;
    this.swap = null;
    if (swap.timer !== null) this.ctx.timers.clearTimeout(swap.timer);
    return swap;
  }

  private disable(): void {
    if (this.swap) this.cancelSwap(new RelayPluginError("CONFLICT", "The registration was disabled or removed during the change."));
    if (this.active) this.retire(this.active);
    this.active = null;
    this.schedule.reset();
    if (this.retiring.size > 0) this.cell.plain("STOPPING");
    else this.finishStopping();
  }

  /** Once a disabled or removed registration has nothing left draining: DISABLED, and a removed slot is forgotten. */
  private finishStopping(): void {
    if (this.enabled || this.active || this.swap || this.retiring.size > 0) return;
    this.cell.plain("DISABLED");
    if (this.removed) this.ctx.forget(this);
  }

  private launch(desired: DesiredListener): Live | null {
    const id = this.ctx.newListenerId(this.registrationId);
    if (!this.ctx.send({ type: "start", listener: toListenerSpec(id, desired) })) return null;
    return { id, desired, online: false };
  }

  private retire(live: Live): void {
    if (!this.retiring.retire(live.id)) this.traffic.retire(live.id);
  }

  private dropEverything(swapError: RelayPluginError): void {
    this.schedule.cancel();
    if (this.active?.online) this.schedule.dropped();
    const swap = this.swap ? this.takeSwap() : null;
    if (this.active) this.traffic.retire(this.active.id);
    this.active = null;
    if (swap) {
      this.traffic.retire(swap.live.id);
      swap.settle(swapError);
    }
    this.retiring.clear();
  }
}
