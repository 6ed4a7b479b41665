/**
 * The relay as the rest of the plugin sees it, with the end-to-end probe applied: keeps the prober's desired state
 * (each registration's probe settings and keys, which never go further), and shows a listener whose path the last
 * probe found broken as DEGRADED (probe-status.ts). Everything else passes through to the relay beneath.
 */
import type { Disposable, Logger } from "../../host/contract";
import type { TrafficSnapshot } from "../../relay/protocol";
import type { HealthView } from "../health/degraded-status";
import type { RegistrationDesired, RelayControl } from "../registrations/relay-control";
import type { RelayState, RelayStatus, RelayStatusChange } from "../supervisor/relay-status";
import { StatusHub } from "../supervisor/status-hub";
import type { ProbeService } from "./probe.service";
import { withProbe } from "./probe-status";

/** The relay beneath: the health overlay (or the supervisor itself). */
export interface ObservableRelay extends RelayControl {
  onStatusChanged(handler: (change: RelayStatusChange) => void): Disposable;
}

export class ProbeAwareRelay implements RelayControl {
  private readonly hub: StatusHub;
  private readonly shown = new Map<string, RelayStatus>();
  private readonly subscriptions: Disposable[];

  constructor(private readonly relay: ObservableRelay, private readonly prober: ProbeService, logger?: Logger) {
    this.hub = new StatusHub(logger);
    this.subscriptions = [
      relay.onStatusChanged((change) => this.refresh(change.registrationId, change.status, change.previous)),
      prober.onProbed((result) => this.refresh(result.registrationId)),
    ];
  }

  apply(desired: RegistrationDesired[]): void {
    this.prober.apply(desired);
    this.relay.apply(desired.map(withoutProbe));
    for (const id of [...this.shown.keys()]) if (!desired.some((d) => d.registrationId === id)) this.shown.delete(id);
  }

  rotate(registrationId: string, next: RegistrationDesired): Promise<void> {
    return this.relay.rotate(registrationId, withoutProbe(next));
  }

  restart(registrationId: string): Promise<void> | void {
    return this.relay.restart(registrationId);
  }

  restartAll(): Promise<Array<{ registrationId: string; restarted: boolean }>> {
    return this.relay.restartAll();
  }

  status(registrationId: string): RelayStatus {
    return withProbe(this.relay.status(registrationId), this.prober.lastProbe(registrationId));
  }

  traffic(registrationId: string): TrafficSnapshot {
    return this.relay.traffic(registrationId);
  }

  targetHealth(registrationId: string): HealthView | undefined {
    return this.relay.targetHealth?.(registrationId);
  }

  onStatusChanged(handler: (change: RelayStatusChange) => void): Disposable {
    return this.hub.subscribe(handler);
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }

  /** Emits the shown status if it changed; `beneath` is the relay's status as its change event carried it. */
  private refresh(registrationId: string, beneath: RelayStatus = this.relay.status(registrationId), previousBeneath: RelayState | null = null): void {
    const status = withProbe(beneath, this.prober.lastProbe(registrationId));
    const before = this.shown.get(registrationId);
    if (before && before.state === status.state && before.since.getTime() === status.since.getTime() && sameError(before, status)) return;
    this.shown.set(registrationId, status);
    const previous: RelayState | null = before?.state ?? previousBeneath;
    this.hub.emit({ registrationId, status, previous });
  }
}

function withoutProbe(d: RegistrationDesired): RegistrationDesired {
  const { probe: _probe, ...rest } = d;
  return rest;
}

function sameError(a: RelayStatus, b: RelayStatus): boolean {
  return JSON.stringify("lastError" in a ? a.lastError : null) === JSON.stringify("lastError" in b ? b.lastError : null);
}
