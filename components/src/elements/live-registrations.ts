/**
 * A Lit reactive controller that keeps the tab live while it is connected: loads the list, follows the
 * status subscription (refetching after a reconnect, since events may have been missed), and refreshes
 * status and traffic every few seconds because traffic is not part of the events. Everything it starts
 * stops in `hostDisconnected`.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { RegistrationsClient, RelayRegistration, RelayStatusEvent } from "../registrations-client";
import { RegistrationsStore, type StateChange } from "../registrations-store";
import { startStatusFeed } from "../status-subscription";

/** Traffic counters move without events; this is how stale they may get. Also ticks relative times. */
export const LIVE_REFRESH_MS = 5000;

export interface LiveOptions {
  /** A state changed through an event (to announce). */
  onStateChange(change: StateChange): void;
  /** A refresh (full or live) succeeded: the counters are fresh (e.g. to sample request rates). */
  onRefreshed?(registrations: readonly RelayRegistration[]): void;
  /** A refresh failed (or, with undefined, succeeded again). */
  onError(error: unknown): void;
  /**
   * Every status event, from any host of the farm, before it is applied; return false to keep it out of the
   * registrations' `status` (which is this host's listener). Default: every event applies.
   */
  onStatusEvent?(event: RelayStatusEvent): boolean;
}

export class LiveRegistrations implements ReactiveController {
  readonly store: RegistrationsStore;
  /** The clock relative times are shown against; advanced by each refresh tick. */
  now = new Date();
  /** True while the subscription socket is down. */
  interrupted = false;
  private stops: Array<() => void> = [];

  constructor(private readonly host: ReactiveControllerHost, api: RegistrationsClient, private readonly options: LiveOptions) {
    this.store = new RegistrationsStore(api);
    host.addController(this);
  }

  hostConnected(): void {
    this.stops.push(this.store.onChange(() => this.host.requestUpdate()));
    void this.run(() => this.store.refresh());
    this.stops.push(
      startStatusFeed({
        onEvent: (event) => {
          if (this.options.onStatusEvent?.(event) === false) return;
          const change = this.store.applyEvent(event);
          if (change) this.options.onStateChange(change);
        },
        onReconnected: () => {
          this.setInterrupted(false);
          void this.run(() => this.store.refresh());
        },
        onInterrupted: () => this.setInterrupted(true),
      }),
    );
    const timer = setInterval(() => {
      // A tab in the background needs no fresh traffic; events still arrive, and the next visible tick catches up.
      if (pageHidden()) return;
      this.now = new Date();
      void this.run(() => this.store.refreshLive());
    }, LIVE_REFRESH_MS);
    this.stops.push(() => clearInterval(timer));
  }

  hostDisconnected(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /** Full refresh now (after an error, or when the list is known to have changed elsewhere). */
  reload(): Promise<void> {
    return this.run(() => this.store.refresh());
  }

  private async run(task: () => Promise<void>): Promise<void> {
    try {
      await task();
      this.now = new Date();
      this.options.onRefreshed?.(this.store.registrations);
      this.options.onError(undefined);
    } catch (error) {
      this.options.onError(error);
    }
  }

  private setInterrupted(value: boolean): void {
    if (this.interrupted === value) return;
    this.interrupted = value;
    this.host.requestUpdate();
  }
}

function pageHidden(): boolean {
  return typeof document !== "undefined" && document.visibilityState === "hidden";
}
