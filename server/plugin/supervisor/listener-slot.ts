/**
 * One registration's listener(s) and status. The slot turns desired settings and worker events into `start`/`stop`
 * commands and status changes. At most three kinds of listener exist at once:
 * - `active`: the one serving (or trying to);
 * - `swap`: a second generation brought up next to it (key rotation, settings change, restart) so the relay always
 *   has a listener: make before break;
 * - `retiring`: listeners told to stop, draining in-flight requests, until the worker reports them `down`.
 */
import { HostError } from "../../host/contract";
import type { RelaySignal, WorkerCommand, WorkerEvent } from "../../relay/protocol";
import { Backoff, type BackoffOptions } from "./backoff";
import { classifyFailure, rotationTimedOut, WORKER_CRASHED, type Classification } from "./failure-classification";
import { toListenerSpec, type DesiredListener, type TimerHandle, type Timers } from "./data-plane-port";
import { isFailureStatus, type FailureState, type RelayError, type RelayState, type RelayStatus, type RelayStatusChange } from "./relay-status";
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
  forget(registrationId: string): void;
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
  /** keep-old: if the new one fails, the old keeps serving (rotation, restart); adopt-new: the new settings win anyway. */
  policy: "keep-old" | "adopt-new";
  timer: TimerHandle | null;
  settle(error: HostError | null): void;
}

/** A stopped listener that never reports `down` is forgotten after its drain time plus this. */
const RETIRE_GRACE_MS = 5_000;

export class ListenerSlot {
  readonly traffic = new TrafficLedger();
  private desired: DesiredListener | null = null;
  private current: RelayStatus | null = null;
  private active: Live | null = null;
  private swap: Swap | null = null;
  private readonly retiring = new Map<string, TimerHandle>();
  private retryTimer: TimerHandle | null = null;
  private backoff: Backoff;
  private attempts = 0;
  private onlineSince: number | null = null;
  private removed = false;

  constructor(
    readonly registrationId: string,
    private readonly ctx: SlotContext,
  ) {
    this.backoff = Backoff.create(ctx.backoff);
  }

  /** The current status (DISABLED before the first `update`). */
  get status(): RelayStatus {
    return this.current ?? { state: "DISABLED", since: new Date(this.ctx.now()) };
  }

  get enabled(): boolean {
    return !this.removed && this.desired?.enabled === true;
  }

  /** Applies new desired settings: start, stop, or bring the new settings up next to the old. */
  update(next: DesiredListener): void {
    const prev = this.desired;
    this.removed = false;
    if (prev && prev.settingsVersion === next.settingsVersion && prev.enabled === next.enabled && this.current) return;
    if (this.swap) {
      if (next.enabled && this.swap.live.desired.settingsVersion === next.settingsVersion) return;
      this.cancelSwap(new HostError("CONFLICT", "The relay settings changed again before the change completed."));
    }
    this.desired = next;
    if (!next.enabled) return this.disable();
    if (this.active?.online) return this.beginSwap(next, "adopt-new", () => undefined);
    this.startFresh();
  }

  /** The registration was removed: drain and stop, then the supervisor forgets the slot. */
  remove(): void {
    this.removed = true;
    this.disable();
  }

  /**
   * Brings `next` (new key) up next to the current listener; resolves once it is online and the old one is draining.
   * Rejects with RELAY_REFUSED, the old listener untouched, if the relay refuses it or it is not online in time.
   */
  rotate(next: DesiredListener): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.enabled || !next.enabled || next.settingsVersion === this.desired?.settingsVersion) {
        // A disabled listener cannot prove a key: the new settings simply apply.
        this.update(next);
        return resolve();
      }
      if (this.swap) this.cancelSwap(new HostError("CONFLICT", "Superseded by a newer key rotation."));
      this.beginSwap(next, "keep-old", (error) => (error ? reject(error) : resolve()));
    });
  }

  /**
   * Restarts the listener. When online, the new generation is brought up first (resolves true once it is online,
   * false if it was refused, the old one serving on); otherwise it reconnects at once (resolves true).
   */
  restart(): Promise<boolean> {
    if (!this.enabled || !this.desired) return Promise.resolve(false);
    if (this.swap) this.cancelSwap(new HostError("CONFLICT", "The listener was restarted during the change."));
    if (this.active?.online) {
      const desired = this.desired;
      return new Promise((resolve) => this.beginSwap(desired, "keep-old", (error) => resolve(error === null)));
    }
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
    this.dropEverything(new HostError("RELAY_REFUSED", "The relay data plane restarted during the change; the previous settings stay in use."));
    if (!this.enabled) return this.finishStopping();
    this.setStatus(this.failure("RECONNECTING", WORKER_CRASHED, nextRetryAt));
  }

  /** The worker is (back) up: start the listener if it should run and is not running. */
  resume(): void {
    if (this.enabled && !this.active && this.retryTimer === null) this.attemptNow();
  }

  /** The supervisor is stopping: forget every listener (the worker drains them all) and show STOPPING. */
  shutdown(): void {
    this.dropEverything(new HostError("RELAY_REFUSED", "The relay supervisor is stopping."));
    if (this.current && this.current.state !== "DISABLED") this.setStatus({ state: "STOPPING", since: this.now() });
  }

  /** The supervisor has stopped. */
  stopped(): void {
    this.setStatus({ state: "DISABLED", since: this.now() });
  }

  // --- events -------------------------------------------------------------------------------------------------

  private onOnline(id: string): void {
    if (this.swap?.live.id === id) return this.promote();
    if (this.active?.id !== id) return;
    this.active.online = true;
    this.onlineSince = this.ctx.now();
    this.traffic.setCurrent(id);
    this.setStatus({ state: "ONLINE", since: this.now() });
  }

  private onDown(id: string, signal: RelaySignal | undefined): void {
    const guard = this.retiring.get(id);
    if (this.retiring.has(id)) {
      this.ctx.timers.clearTimeout(guard);
      this.retiring.delete(id);
      this.traffic.retire(id);
      return this.finishStopping();
    }
    if (this.swap?.live.id === id) {
      const c = classifyFailure(signal);
      return this.swapFailed(c, c);
    }
    if (this.active?.id === id) return this.activeDown(signal);
  }

  private activeDown(signal: RelaySignal | undefined): void {
    const active = this.active!;
    this.traffic.retire(active.id);
    this.active = null;
    if (active.online && this.onlineSince !== null) {
      this.backoff = this.backoff.afterOnline(this.ctx.now() - this.onlineSince);
      if (this.backoff.attempt === 0) this.attempts = 0;
    }
    this.onlineSince = null;
    const swap = this.swap;
    if (swap?.policy === "adopt-new") {
      // The old settings' listener is gone; the new settings' one, still connecting, simply becomes the active one.
      this.swap = null;
      this.active = swap.live;
      this.attempts = 1;
      return this.setStatus({ state: "CONNECTING", since: this.now(), attempt: 1 });
    }
    this.fail(classifyFailure(signal));
  }

  // --- transitions --------------------------------------------------------------------------------------------

  private startFresh(): void {
    this.cancelRetry();
    if (this.active) this.retire(this.active);
    this.active = null;
    this.onlineSince = null;
    this.backoff = this.backoff.reset();
    this.attempts = 0;
    this.attemptNow(true);
  }

  /**
   * Starts a listener now. A retry keeps its failure state (with `nextRetryAt: null`: under way), since the last
   * error is still the best explanation; a fresh start (new settings, restart) reports CONNECTING.
   */
  private attemptNow(fresh = false): void {
    const live = this.launch(this.desired!);
    if (!live) return;
    this.active = live;
    this.attempts += 1;
    const s = this.current;
    if (!fresh && s && isFailureStatus(s)) this.setStatus({ ...s, attempt: this.attempts, nextRetryAt: null });
    else this.setStatus({ state: "CONNECTING", since: this.now(), attempt: this.attempts });
  }

  /** A failure of the active listener: retry per the verdict; never immediately twice in a row. */
  private fail(c: Classification): void {
    this.cancelRetry();
    let delay: number;
    if (c.verdict === "fatal") delay = this.backoff.fatalDelayMs;
    else {
      this.backoff = this.backoff.next();
      delay = this.backoff.delayMs;
    }
    const error = { code: c.code, message: c.message, advice: c.advice };
    if (delay > 0) {
      this.retryTimer = this.ctx.timers.setTimeout(() => {
        this.retryTimer = null;
        this.attemptNow();
      }, delay);
      return this.setStatus(this.failure(c.state, error, new Date(this.ctx.now() + delay)));
    }
    // First retry: immediate, reported as one change (the failure, with the new attempt already under way).
    const live = this.launch(this.desired!);
    if (live) {
      this.active = live;
      this.attempts += 1;
    }
    this.setStatus(this.failure(c.state, error, null));
  }

  private beginSwap(next: DesiredListener, policy: Swap["policy"], settle: Swap["settle"]): void {
    const live = this.launch(next);
    if (!live) return settle(new HostError("RELAY_REFUSED", "The relay data plane is restarting; try again in a moment."));
    const timer = policy === "keep-old" ? this.ctx.timers.setTimeout(() => this.swapTimedOut(), this.ctx.rotationTimeoutMs) : null;
    this.swap = { live, policy, timer, settle };
  }

  /** The new generation is online: it becomes the active one and the old one drains. */
  private promote(): void {
    const swap = this.swap!;
    this.swap = null;
    if (swap.timer !== null) this.ctx.timers.clearTimeout(swap.timer);
    this.cancelRetry();
    if (this.active) this.retire(this.active);
    this.active = { ...swap.live, online: true };
    this.desired = swap.live.desired;
    this.backoff = this.backoff.reset();
    this.attempts = 0;
    this.onlineSince = this.ctx.now();
    this.traffic.setCurrent(swap.live.id);
    this.setStatus({ state: "ONLINE", since: this.now() });
    swap.settle(null);
  }

  /** The new generation failed before it was online (`c`: what the relay said; absent after a timeout). */
  private swapFailed(error: RelayError, c?: Classification): void {
    const swap = this.swap!;
    this.swap = null;
    if (swap.timer !== null) this.ctx.timers.clearTimeout(swap.timer);
    this.traffic.retire(swap.live.id);
    swap.settle(new HostError("RELAY_REFUSED", `The relay refused the new settings: ${error.message} ${error.advice}`));
    if (swap.policy === "keep-old" || !c) return;
    // adopt-new: the desired settings are the new ones, so the old listener must not keep serving the old ones.
    if (this.active) this.retire(this.active);
    this.active = null;
    this.onlineSince = null;
    this.backoff = this.backoff.reset();
    this.attempts = 1;
    this.fail(c);
  }

  private swapTimedOut(): void {
    const swap = this.swap!;
    swap.timer = null;
    this.retire(swap.live);
    this.swapFailed(rotationTimedOut(this.ctx.rotationTimeoutMs));
  }

  private cancelSwap(error: HostError): void {
    const swap = this.swap!;
    this.swap = null;
    if (swap.timer !== null) this.ctx.timers.clearTimeout(swap.timer);
    this.retire(swap.live);
    swap.settle(error);
  }

  private disable(): void {
    this.cancelRetry();
    if (this.swap) this.cancelSwap(new HostError("CONFLICT", "The registration was disabled or removed during the change."));
    if (this.active) this.retire(this.active);
    this.active = null;
    this.onlineSince = null;
    this.backoff = this.backoff.reset();
    this.attempts = 0;
    if (this.retiring.size > 0) this.setStatus({ state: "STOPPING", since: this.now() });
    else this.finishStopping(true);
  }

  /** Once nothing is left draining: DISABLED, and a removed slot is forgotten. */
  private finishStopping(force = false): void {
    if (this.active || this.swap || this.retiring.size > 0) return;
    if (!force && this.current?.state !== "STOPPING" && this.enabled) return;
    if (!this.enabled) this.setStatus({ state: "DISABLED", since: this.now() });
    if (this.removed) this.ctx.forget(this.registrationId);
  }

  // --- plumbing -----------------------------------------------------------------------------------------------

  private launch(desired: DesiredListener): Live | null {
    const id = this.ctx.newListenerId(this.registrationId);
    if (!this.ctx.send({ type: "start", listener: toListenerSpec(id, desired) })) return null;
    return { id, desired, online: false };
  }

  /** Tells the worker to drain and stop a listener; its `down` (or the guard timer) completes the stop. */
  private retire(live: Live): void {
    if (!this.ctx.send({ type: "stop", listenerId: live.id, drainMs: this.ctx.drainMs })) return;
    const guard = this.ctx.timers.setTimeout(() => {
      this.retiring.delete(live.id);
      this.traffic.retire(live.id);
      this.finishStopping();
    }, this.ctx.drainMs + RETIRE_GRACE_MS);
    this.retiring.set(live.id, guard);
  }

  private dropEverything(swapError: HostError): void {
    this.cancelRetry();
    for (const guard of this.retiring.values()) this.ctx.timers.clearTimeout(guard);
    for (const id of this.retiring.keys()) this.traffic.retire(id);
    this.retiring.clear();
    const swap = this.swap;
    this.swap = null;
    if (swap) {
      if (swap.timer !== null) this.ctx.timers.clearTimeout(swap.timer);
      this.traffic.retire(swap.live.id);
      swap.settle(swapError);
    }
    if (this.active) this.traffic.retire(this.active.id);
    this.active = null;
    this.onlineSince = null;
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) this.ctx.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private now(): Date {
    return new Date(this.ctx.now());
  }

  private failure(state: FailureState, lastError: RelayError, nextRetryAt: Date | null): RelayStatus {
    const since = this.current?.state === state ? this.current.since : this.now();
    return { state, since, attempt: this.attempts, nextRetryAt, lastError };
  }

  private setStatus(status: RelayStatus): void {
    const previous = this.current;
    if (previous?.state === status.state) status = { ...status, since: previous.since };
    if (previous && JSON.stringify(previous) === JSON.stringify(status)) return;
    this.current = status;
    const prevState: RelayState | null = previous ? previous.state : null;
    this.ctx.emit({ registrationId: this.registrationId, status, previous: prevState });
  }
}
