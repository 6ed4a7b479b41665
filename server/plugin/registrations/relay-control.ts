/**
 * What the registrations service needs from the listener supervisor. The supervisor implements it;
 * keeping it an interface here lets the service stay free of worker and listener details.
 */
import type { RelayStatus } from "../supervisor/relay-status";
import type { TrafficSnapshot } from "../../relay/protocol";

/** One registration as the supervisor should run it. `settingsVersion` changes whenever a relevant setting does. */
export interface DesiredListener {
  registrationId: string;
  enabled: boolean;
  namespace: string;
  hybridConnectionName: string;
  secure: boolean;
  keyName: string;
  key: string;
  targetUrl: string;
  settingsVersion: string;
}

export interface RelayControl {
  /** The complete desired state: starts, stops and restarts listeners to match. */
  apply(desired: DesiredListener[]): void;
  /** Zero-downtime key rotation; rejects with HostError RELAY_REFUSED when the relay refuses the new key. */
  rotate(registrationId: string, next: DesiredListener): Promise<void>;
  restart(registrationId: string): Promise<void> | void;
  restartAll(): Promise<Array<{ registrationId: string; restarted: boolean }>>;
  status(registrationId: string): RelayStatus;
  traffic(registrationId: string): TrafficSnapshot;
}
