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

/**
 * Publishes this host's presence: now, and again whenever `refresh` is called (coalesced while one is being built).
 * `patch` updates one listener at once, before its status event goes out, so a host that hears the event and then
 * reads the farm's membership sees the new state (the record and the event travel in order on one connection).
 */
export class PresencePublisher {
  private building: Promise<void> | undefined;
  private again = false;
  private last: PluginPresence = { listeners: [] };

  constructor(private readonly farm: Farm, private readonly build: () => Promise<PluginPresence>) {}

  refresh(): void {
    if (this.building) {
      this.again = true;
      return;
    }
    this.building = (async () => {
      do {
        this.again = false;
        this.publish(newest(await this.build().catch(() => ({ listeners: [] })), this.last));
      } while (this.again);
    })().finally(() => (this.building = undefined));
  }

  /** Replaces (or adds) one registration's listener entry and publishes at once. */
  patch(registrationId: string, status: RelayStatus): void {
    const entry = presenceOf([registrationId], () => status).listeners[0]!;
    const others = this.last.listeners.filter((l) => l.registrationId !== registrationId);
    this.publish({ listeners: [...others, entry] });
  }

  private publish(presence: PluginPresence): void {
    this.last = presence;
    this.farm.setPresence(presence);
  }
}

/** `built`, except entries `last` knows a newer state of (a build that read statuses before a patch). */
function newest(built: PluginPresence, last: PluginPresence): PluginPresence {
  const known = new Map(last.listeners.map((l) => [l.registrationId, l]));
  return {
    listeners: built.listeners.map((l) => {
      const other = known.get(l.registrationId);
      return other && Date.parse(other.since) > Date.parse(l.since) ? other : l;
    }),
  };
}

/** The last membership each farm answered with: what `farmHosts` shows while the farm cannot be read. */
const lastKnown = new WeakMap<Farm, FarmHostView[]>();

/**
 * The farm's hosts with their listeners, validated. While the farm cannot be read (Redis down) the last answer
 * stands (the farm warning says it is not current), so a registration query never fails or waits on Redis.
 */
export async function farmHosts(farm: Farm): Promise<FarmHostView[]> {
  try {
    const hosts = (await farm.members()).map(hostView);
    lastKnown.set(farm, hosts);
    return hosts;
  } catch (error) {
    const known = lastKnown.get(farm);
    if (known) return known;
    throw error;
  }
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
