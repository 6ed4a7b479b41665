/**
 * The health check loop of one registration's target: checks every `intervalMs` (the next check starts after the
 * last one ended, so checks never overlap) and counts consecutive failures. One good answer makes it healthy again.
 */
import type { CheckOutcome, TargetCheckResult } from "./target-check";
import type { TargetHealthSettings } from "./target-health-settings";

/** What the plugin knows of a target: `unknown` until the first check ended. */
export interface TargetHealth {
  state: "unknown" | "healthy" | "unhealthy";
  /** When `state` was entered. */
  since: Date;
  /** Failed checks in a row (0 after a good answer). */
  consecutiveFailures: number;
  /** The last check's outcome, e.g. `HEAD / timed out after 5 s`; null before the first. */
  lastDetail: string | null;
  /** The same by code + params (target-check.ts); null before the first. */
  lastOutcome: CheckOutcome | null;
  lastCheckedAt: Date | null;
}

export type CheckTarget = (targetUrl: string, settings: TargetHealthSettings) => Promise<TargetCheckResult>;

export class TargetHealthWatch {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private current: TargetHealth;

  constructor(
    readonly targetUrl: string,
    readonly settings: TargetHealthSettings,
    private readonly check: CheckTarget,
    private readonly changed: (health: TargetHealth) => void,
  ) {
    this.current = { state: "unknown", since: new Date(), consecutiveFailures: 0, lastDetail: null, lastOutcome: null, lastCheckedAt: null };
    this.schedule(0);
  }

  get health(): TargetHealth {
    return this.current;
  }

  /** True when the watch checks the same target with the same settings (no restart needed). */
  sameAs(targetUrl: string, settings: TargetHealthSettings): boolean {
    return this.targetUrl === targetUrl && JSON.stringify(this.settings) === JSON.stringify(settings);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.runOnce(), delayMs);
    this.timer.unref?.();
  }

  private async runOnce(): Promise<void> {
    const result = await this.check(this.targetUrl, this.settings);
    if (this.stopped) return;
    const failures = result.healthy ? 0 : this.current.consecutiveFailures + 1;
    const state = result.healthy ? "healthy" : failures >= this.settings.failures ? "unhealthy" : this.current.state === "unknown" ? "unknown" : this.current.state;
    const now = new Date();
    const entered = state !== this.current.state;
    this.current = { state, since: entered ? now : this.current.since, consecutiveFailures: failures, lastDetail: result.detail, lastOutcome: result.outcome, lastCheckedAt: now };
    if (entered) this.changed(this.current);
    this.schedule(this.settings.intervalMs);
  }
}
