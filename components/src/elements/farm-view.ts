/**
 * A Lit reactive controller that keeps the tab's farm model live (components/src/farm/farm-store.ts): loads it at
 * connect and with every live refresh tick (so a farm warning shows within one tick of Redis failing), and takes
 * every status event the registrations' feed hears. Everything it starts stops in `hostDisconnected`.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { FarmStore, type FarmSource } from "../farm/farm-store";
import type { RelayStatusEvent } from "../registrations-client";
import { LIVE_REFRESH_MS } from "./live-registrations";

export class FarmView implements ReactiveController {
  readonly store: FarmStore;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: ReactiveControllerHost, source: FarmSource) {
    this.store = new FarmStore(source);
    host.addController(this);
  }

  hostConnected(): void {
    void this.reload();
    this.timer = setInterval(() => void this.reload(), LIVE_REFRESH_MS);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }

  /** Another host's event or this host's: the Hosts section follows both. */
  onEvent(event: RelayStatusEvent): void {
    if (this.store.applyEvent(event)) this.host.requestUpdate();
  }

  /** Reloads now (after the status feed reconnects, events may have been missed). */
  async reload(): Promise<void> {
    try {
      await this.store.refresh();
      this.host.requestUpdate();
    } catch {
      // The registrations' refresh reports errors; the farm view keeps what it had.
    }
  }
}
