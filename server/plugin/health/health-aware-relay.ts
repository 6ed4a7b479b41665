/**
 * The supervisor seen through target health: the RelayControl the rest of the plugin uses. It runs one health watch
 * per enabled registration (main thread: the checks are a few tiny requests, the worker's protocol stays as it is),
 * derives DEGRADED (degraded-status.ts), and withdraws a listener — desired as disabled — while its target is down
 * when the registration asks for it; the watch keeps running, and the listener comes back when the target answers.
 */
import type { Disposable, Logger } from "../../host/contract";
import type { TrafficSnapshot } from "../../relay/protocol";
import type { DesiredListener, RegistrationDesired, RelayControl } from "../registrations/relay-control";
import type { RelayState, RelayStatus, RelayStatusChange } from "../supervisor/relay-status";
import { StatusHub } from "../supervisor/status-hub";
import { withTargetHealth, type HealthView } from "./degraded-status";
import { TargetHealthWatch, type CheckTarget, type TargetHealth } from "./target-health-watch";

/** The part of the supervisor the overlay drives. */
export interface SupervisedRelay extends RelayControl {
  onStatusChanged(handler: (change: RelayStatusChange) => void): Disposable;
}

export class HealthAwareRelay implements RelayControl {
  private readonly hub: StatusHub;
  private readonly watches = new Map<string, TargetHealthWatch>();
  private readonly shown = new Map<string, RelayStatus>();
  private desired: RegistrationDesired[] = [];
  private readonly subscription: Disposable;

  constructor(private readonly relay: SupervisedRelay, private readonly check: CheckTarget, logger?: Logger) {
    this.hub = new StatusHub(logger);
    this.subscription = relay.onStatusChanged((change) => this.refresh(change.registrationId, change.status));
  }

  apply(desired: RegistrationDesired[]): void {
    this.desired = desired;
    const wanted = new Map(desired.filter((d) => d.enabled && d.targetHealth?.enabled).map((d) => [d.registrationId, d]));
    for (const [id, watch] of [...this.watches]) {
      const d = wanted.get(id);
      if (!d || !watch.sameAs(d.targetUrl, d.targetHealth!)) this.unwatch(id);
    }
    for (const d of wanted.values()) if (!this.watches.has(d.registrationId)) this.watch(d);
    this.relay.apply(desired.map((d) => this.listenerFor(d)));
    for (const d of desired) this.refresh(d.registrationId);
    for (const id of [...this.shown.keys()]) if (!desired.some((d) => d.registrationId === id)) this.shown.delete(id);
  }

  rotate(registrationId: string, next: RegistrationDesired): Promise<void> {
    return this.relay.rotate(registrationId, this.listenerFor(next));
  }

  restart(registrationId: string): Promise<void> | void {
    return this.relay.restart(registrationId);
  }

  restartAll(): Promise<Array<{ registrationId: string; restarted: boolean }>> {
    return this.relay.restartAll();
  }

  status(registrationId: string): RelayStatus {
    const computed = withTargetHealth(this.relay.status(registrationId), this.view(registrationId));
    const shown = this.shown.get(registrationId);
    // The status as last emitted when it still holds: its `since` may be later than the listener's (see refresh).
    return shown && shown.state === computed.state && sameError(shown, computed) ? shown : computed;
  }

  traffic(registrationId: string): TrafficSnapshot {
    return this.relay.traffic(registrationId);
  }

  /** The target's health, or undefined when it is not checked (registration disabled or check off). */
  targetHealth(registrationId: string): HealthView | undefined {
    return this.view(registrationId);
  }

  /** Every change of the status as shown (listener status with target health applied). */
  onStatusChanged(handler: (change: RelayStatusChange) => void): Disposable {
    return this.hub.subscribe(handler);
  }

  /** Stops every watch (the supervisor is stopped by its owner). */
  dispose(): void {
    this.subscription.dispose();
    for (const id of [...this.watches.keys()]) this.unwatch(id);
  }

  private watch(d: RegistrationDesired): void {
    const watch = new TargetHealthWatch(d.targetUrl, d.targetHealth!, this.check, (health) => this.healthChanged(d.registrationId, health));
    this.watches.set(d.registrationId, watch);
  }

  private unwatch(id: string): void {
    this.watches.get(id)?.stop();
    this.watches.delete(id);
  }

  private healthChanged(registrationId: string, health: TargetHealth): void {
    const d = this.desired.find((x) => x.registrationId === registrationId);
    // Withdrawing or restoring is a change of the desired state: the supervisor drains or starts the listener.
    if (d?.targetHealth?.withdrawOnFailure && health.state !== "unknown") this.relay.apply(this.desired.map((x) => this.listenerFor(x)));
    this.refresh(registrationId);
  }

  private withdrawn(d: RegistrationDesired): boolean {
    return Boolean(d.enabled && d.targetHealth?.withdrawOnFailure && this.watches.get(d.registrationId)?.health.state === "unhealthy");
  }

  /** The supervisor's view of a registration: without the health settings, disabled while withdrawn. */
  private listenerFor(d: RegistrationDesired): DesiredListener {
    const { targetHealth: _health, ...listener } = d;
    return this.withdrawn(d) ? { ...listener, enabled: false } : listener;
  }

  private view(registrationId: string): HealthView | undefined {
    const watch = this.watches.get(registrationId);
    const d = this.desired.find((x) => x.registrationId === registrationId);
    if (!watch || !d) return undefined;
    return { targetUrl: watch.targetUrl, settings: watch.settings, health: watch.health, withdrawn: this.withdrawn(d) };
  }

  /** Emits the shown status if it changed; `listener` is the supervisor's status as its change event carried it. */
  private refresh(registrationId: string, listener: RelayStatus = this.relay.status(registrationId)): void {
    let status = withTargetHealth(listener, this.view(registrationId));
    const before = this.shown.get(registrationId);
    // ONLINE again after DEGRADED carries the listener's older `since`; a client keeping the newer of two statuses
    // would never leave DEGRADED. The state shown is entered now: `since` never goes back.
    if (before && before.state !== status.state && status.since.getTime() < before.since.getTime()) status = { ...status, since: new Date() };
    if (before && before.state === status.state && before.since.getTime() === status.since.getTime() && sameError(before, status)) return;
    this.shown.set(registrationId, status);
    const previous: RelayState | null = before?.state ?? null;
    this.hub.emit({ registrationId, status, previous });
  }
}

function sameError(a: RelayStatus, b: RelayStatus): boolean {
  return JSON.stringify("lastError" in a ? a.lastError : null) === JSON.stringify("lastError" in b ? b.lastError : null);
}
