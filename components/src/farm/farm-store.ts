/**
 * The tab's model of the web farm (docs/farm.md): which host answers, the farm warning, and every registration's
 * listener on each host — loaded with the live refresh and kept current by status events, which carry their host
 * id. Plain TS (no Lit) so jest can drive it with a fake API.
 */
import type { GraphQLClient } from "../graphql-client";
import { RelayFarmViewDocument, type HostListenerFieldsFragment, type RelayFarmFieldsFragment } from "../generated/graphql";
import type { RelayStatusEvent } from "../registrations-client";

export type RelayFarm = RelayFarmFieldsFragment;
export type HostListener = HostListenerFieldsFragment;

export interface FarmSource {
  load(): Promise<{ farm: RelayFarm; listeners: HostListener[] }>;
}

/** The farm view over GraphQL (one request: relayFarm and every registration's listeners). */
export function farmSource(client: GraphQLClient): FarmSource {
  return {
    load: async () => {
      const data = await client.request(RelayFarmViewDocument);
      return { farm: data.relayFarm, listeners: data.relayRegistrations.flatMap((r) => r.listeners) };
    },
  };
}

export class FarmStore {
  farm: RelayFarm | null = null;
  private listeners = new Map<string, HostListener>();

  constructor(private readonly source: FarmSource) {}

  async refresh(): Promise<void> {
    const { farm, listeners } = await this.source.load();
    const next = new Map(listeners.map((l) => [keyOf(l.registrationId, l.hostId), l]));
    // An event may have overtaken this answer: keep the newer of the two.
    for (const [key, known] of this.listeners) {
      const loaded = next.get(key);
      if (loaded && Date.parse(known.since) > Date.parse(loaded.since)) next.set(key, known);
    }
    this.farm = farm;
    this.listeners = next;
  }

  /** True when `event` is about this host's listener (the registration's `status`), false for another host's. */
  isLocal(event: Pick<RelayStatusEvent, "hostId">): boolean {
    return this.farm !== null && event.hostId === this.farm.hostId;
  }

  /** Applies a status event to that host's listener; returns true when something changed. */
  applyEvent(event: RelayStatusEvent): boolean {
    const key = keyOf(event.registrationId, event.hostId);
    const known = this.listeners.get(key);
    if (known && Date.parse(known.since) > Date.parse(event.status.since)) return false;
    const lastError = event.status.lastError && { code: event.status.lastError.code, message: event.status.lastError.message };
    this.listeners.set(key, { hostId: event.hostId, registrationId: event.registrationId, state: event.status.state, since: event.status.since, lastError });
    return true;
  }

  /** One registration's listener on each host, by host id. */
  listenersOf(registrationId: string): HostListener[] {
    return [...this.listeners.values()].filter((l) => l.registrationId === registrationId).sort((a, b) => a.hostId.localeCompare(b.hostId));
  }
}

function keyOf(registrationId: string, hostId: string): string {
  return `${registrationId}\u0000${hostId}`;
}
