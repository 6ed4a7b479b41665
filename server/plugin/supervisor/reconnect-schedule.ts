/**
 * When the active listener of one registration tries again: the backoff, the attempt count shown in the status,
 * the stable-online bookkeeping that resets both, and the one pending retry timer.
 */
import { Backoff, type BackoffOptions } from "./backoff";
import type { TimerHandle, Timers } from "./data-plane-port";
import type { Classification } from "./failure-classification";

export class ReconnectSchedule {
  /** Connection attempts since the last stable online period, fresh start or settings change. */
  attempts = 0;
  private backoff: Backoff;
  private timer: TimerHandle | null = null;
  private onlineSince: number | null = null;

  constructor(
    options: BackoffOptions,
    private readonly timers: Timers,
    private readonly now: () => number,
  ) {
    this.backoff = Backoff.create(options);
  }

  get pending(): boolean {
    return this.timer !== null;
  }

  /** A fresh run: settings changed, restart, or a new generation came online. */
  reset(): void {
    this.cancel();
    this.backoff = this.backoff.reset();
    this.attempts = 0;
    this.onlineSince = null;
  }

  online(): void {
    this.onlineSince = this.now();
  }

  /** The online listener dropped: a stable period (default 60 s) wipes the slate, a flapping one keeps backing off. */
  dropped(): void {
    if (this.onlineSince === null) return;
    this.backoff = this.backoff.afterOnline(this.now() - this.onlineSince);
    if (this.backoff.attempt === 0) this.attempts = 0;
    this.onlineSince = null;
  }

  /** How long to wait after this failure: fatal ones the long interval; transient ones the next backoff step. */
  delayAfter(c: Classification): number {
    if (c.verdict === "fatal") return this.backoff.fatalDelayMs;
    this.backoff = this.backoff.next();
    return this.backoff.delayMs;
  }

  schedule(delayMs: number, retry: () => void): void {
    this.cancel();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      retry();
    }, delayMs);
  }

  cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
