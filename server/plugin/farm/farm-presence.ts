/**
 * What this host tells the farm about its listeners (docs/farm.md): one entry per registration with its state,
 * since when and the last error's code and message (never a key). Refreshed on every status change; the host sends
 * it with each heartbeat, and reading it back treats every field as untrusted (another host wrote it).
 */
import type { Farm, FarmMember } from "../../host/contract";
import { RELAY_STATES, type RelayState, type RelayStatus } from "../supervisor/relay-status";

export interface HostListenerPresence {
  registrationId: string;
  state: RelayState;
  since: string;
  lastError: { code: string; message: string } | null;
}

export interface PluginPresence {
  listeners: HostListenerPresence[];
}

/** A farm member with its listeners as read back (malformed entries dropped). */
export interface FarmHostView {
  hostId: string;
  contractVersion: string;
  startedAt: string;
  lastHeartbeat: string;
  listeners: Array<HostListenerPresence & { hostId: string }>;
}

/** Builds this host's presence from the current registrations and their statuses. */
export function presenceOf(registrationIds: string[], statusOf: (id: string) => RelayStatus): PluginPresence {
  return {
    listeners: registrationIds.map((registrationId) => {
      const status = statusOf(registrationId);
      const error = "lastError" in status ? status.lastError : null;
      return { registrationId, state: status.state, since: status.since.toISOString(), lastError: error && { code: error.code, message: error.message } };
    }),
  };
}

/** Publishes this host's presence: now, and again whenever `refresh` is called (coalesced while one is being built). */
export class PresencePublisher {
  private building: Promise<void> | undefined;
  private again = false;

  constructor(private readonly farm: Farm, private readonly build: () => Promise<PluginPresence>) {}

  refresh(): void {
    if (this.building) {
      this.again = true;
      return;
    }
    this.building = (async () => {
      do {
        this.again = false;
        this.farm.setPresence(await this.build().catch(() => ({ listeners: [] })));
      } while (this.again);
    })().finally(() => (this.building = undefined));
  }
}

/** The farm's hosts with their listeners, validated. */
export async function farmHosts(farm: Farm): Promise<FarmHostView[]> {
  return (await farm.members()).map(hostView);
}

function hostView(member: FarmMember): FarmHostView {
  const raw = (member.presence as { listeners?: unknown } | undefined)?.listeners;
  const listeners = Array.isArray(raw) ? raw.filter(isListener).map((l) => ({ ...l, hostId: member.hostId })) : [];
  return { hostId: member.hostId, contractVersion: member.contractVersion, startedAt: member.startedAt, lastHeartbeat: member.lastHeartbeat, listeners };
}

function isListener(value: unknown): value is HostListenerPresence {
  const l = value as HostListenerPresence;
  return (
    typeof l === "object" && l !== null &&
    typeof l.registrationId === "string" &&
    (RELAY_STATES as readonly string[]).includes(l.state) &&
    typeof l.since === "string" && !Number.isNaN(Date.parse(l.since)) &&
    (l.lastError === null || (typeof l.lastError?.code === "string" && typeof l.lastError?.message === "string"))
  );
}
