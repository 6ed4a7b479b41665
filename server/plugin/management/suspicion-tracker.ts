/**
 * Remembers since when a condition has held per hybrid connection, so a suspicion is raised only once it has held
 * for a grace period: a reconnect, a key rotation or ARM's own lag must not raise an alarm.
 * Observations happen when someone asks (the tab polls); nothing runs in the background.
 */

export class SuspicionTracker {
  private readonly since = new Map<string, number>();

  /**
   * @param graceMs how long the condition must hold before it counts. @default 30000
   * @param clock injected in tests. @default Date.now
   */
  constructor(
    private readonly graceMs = 30_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records whether the condition holds now for `key`; true once it has held for the grace period. */
  observe(key: string, holds: boolean): boolean {
    if (!holds) {
      this.since.delete(key);
      return false;
    }
    const now = this.clock();
    const first = this.since.get(key) ?? now;
    this.since.set(key, first);
    return now - first >= this.graceMs;
  }
}
