/**
 * A registration's current status and the one place that changes it: keeps `since` while the state stays the same,
 * drops changes that change nothing (so subscribers see no flicker, e.g. across a key rotation), and emits the rest
 * with the previous state.
 */
import type { FailureState, RelayError, RelayStatus, RelayStatusChange } from "./relay-status";

export class StatusCell {
  private current: RelayStatus | null = null;

  constructor(
    private readonly registrationId: string,
    private readonly now: () => number,
    private readonly emit: (change: RelayStatusChange) => void,
  ) {}

  /** The status, or null before the first one was set. */
  get value(): RelayStatus | null {
    return this.current;
  }

  /** The status, DISABLED before the first one was set. */
  get status(): RelayStatus {
    return this.current ?? { state: "DISABLED", since: this.date() };
  }

  set(status: RelayStatus): void {
    const previous = this.current;
    if (previous?.state === status.state) status = { ...status, since: previous.since };
    if (previous && JSON.stringify(previous) === JSON.stringify(status)) return;
    this.current = status;
    this.emit({ registrationId: this.registrationId, status, previous: previous ? previous.state : null });
  }

  /** Sets a state that carries no data. */
  plain(state: "DISABLED" | "ONLINE" | "STOPPING"): void {
    this.set({ state, since: this.date() });
  }

  connecting(attempt: number): void {
    this.set({ state: "CONNECTING", since: this.date(), attempt });
  }

  failure(state: FailureState, attempt: number, lastError: RelayError, nextRetryAt: Date | null): void {
    this.set({ state, since: this.date(), attempt, nextRetryAt, lastError });
  }

  private date(): Date {
    return new Date(this.now());
  }
}
