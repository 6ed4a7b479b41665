/** A hybrid connection as the plugin shows it: what Azure reports (when it can ask) beside what this host runs. */
import type { PublicRegistration } from "../registrations/registration";

/** Where the relay's data comes from. */
export type RelaySource =
  /** Listed through management access: Azure's own numbers. */
  | "AZURE"
  /** Known only from this host's registrations: Azure's numbers are unknown. */
  | "REGISTRATIONS";

export interface Suspicion {
  suspected: boolean;
  /** Set when suspected. */
  advice: string | null;
}

export interface RelayView {
  /** `namespace/name`, lower case. */
  id: string;
  name: string;
  namespace: string;
  source: RelaySource;
  /** true/false from Azure; null without management access (or when Azure could not be asked). */
  existsInAzure: boolean | null;
  /** Azure's count of connected listeners; null when unknown. */
  listenerCount: number | null;
  requiresClientAuthorization: boolean | null;
  userMetadata: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  /** Listeners of this host that are ONLINE on it. */
  ourListenersOnline: number;
  registrations: PublicRegistration[];
  halfOpen: Suspicion;
  foreignListeners: Suspicion;
  /** Why Azure's numbers are missing although management access is configured. */
  managementError: string | null;
}

export function relayId(namespace: string, name: string): string {
  return `${namespace.toLowerCase()}/${name.toLowerCase()}`;
}

export const NO_SUSPICION: Suspicion = { suspected: false, advice: null };
