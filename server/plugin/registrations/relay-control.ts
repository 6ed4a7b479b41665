/**
 * What the registrations service needs from the listener supervisor. The supervisor implements it;
 * keeping it an interface here lets the service stay free of worker and listener details.
 */
import type { RelayStatus } from "../supervisor/relay-status";
import type { TrafficSnapshot } from "../../relay/protocol";
import type { DesiredListener } from "../supervisor/data-plane-port";

export type { DesiredListener };

export interface RelayControl {
  /** The complete desired state: starts, stops and restarts listeners to match. */
  apply(desired: DesiredListener[]): void;
  /** Zero-downtime key rotation; rejects with RelayPluginError RELAY_REFUSED when the relay refuses the new key. */
  rotate(registrationId: string, next: DesiredListener): Promise<void>;
  restart(registrationId: string): Promise<void> | void;
  restartAll(): Promise<Array<{ registrationId: string; restarted: boolean }>>;
  status(registrationId: string): RelayStatus;
  traffic(registrationId: string): TrafficSnapshot;
}
