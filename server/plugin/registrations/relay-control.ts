/**
 * What the registrations service needs from the listener supervisor. The supervisor implements it;
 * keeping it an interface here lets the service stay free of worker and listener details.
 */
import type { RelayStatus } from "../supervisor/relay-status";
import type { TrafficSnapshot } from "../../relay/protocol";
import type { DesiredListener } from "../supervisor/data-plane-port";

import type { TargetHealthSettings } from "../health/target-health-settings";
import type { HealthView } from "../health/degraded-status";
import type { ProbeDesired } from "../probe/probe-settings";
import type { JournalSettings } from "../journal/journal-settings";

export type { DesiredListener };

/** A registration's desired listener plus its target health settings (kept by the health overlay, never sent to the worker). */
export interface RegistrationDesired extends DesiredListener {
  targetHealth?: TargetHealthSettings;
  /** End-to-end probe settings, keys opened (kept by the probe overlay, never sent to the worker). */
  probe?: ProbeDesired;
  /** Request journal settings (kept by the journal overlay, journal-aware-relay.ts; only `recordBodies` reaches the worker). */
  journal?: JournalSettings;
}

export interface RelayControl {
  /** The complete desired state: starts, stops and restarts listeners to match. */
  apply(desired: RegistrationDesired[]): void;
  /** Zero-downtime key rotation; rejects with RelayPluginError RELAY_REFUSED when the relay refuses the new key. */
  rotate(registrationId: string, next: RegistrationDesired): Promise<void>;
  restart(registrationId: string): Promise<void> | void;
  restartAll(): Promise<Array<{ registrationId: string; restarted: boolean }>>;
  status(registrationId: string): RelayStatus;
  traffic(registrationId: string): TrafficSnapshot;
  /** The target's last health checks; undefined when not checked (disabled registration, check off, or no health overlay). */
  targetHealth?(registrationId: string): HealthView | undefined;
}
