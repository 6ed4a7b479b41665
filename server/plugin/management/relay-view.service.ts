/**
 * `relays`: every hybrid connection of every namespace we can see — listed through management access where it is
 * configured, else known from our registrations alone — with Azure's listener count and the two suspicions
 * (half-open: ours ONLINE while Azure counts none; foreign: Azure counts more listeners than we run).
 */
import type { PublicRegistration } from "../registrations/registration";
import type { RelayState } from "../supervisor/relay-status";
import { foreignListenersAdvice, halfOpenAdvice } from "./relay-advice";
import type { AzureHybridConnection } from "./relay-management-client";
import { NO_SUSPICION, relayId, type RelayView } from "./relay-view";
import type { ManagementAccessService } from "./management-access.service";
import { SuspicionTracker } from "./suspicion-tracker";

export interface RelayViewDeps {
  listRegistrations(): Promise<PublicRegistration[]>;
  stateOf(registrationId: string): RelayState;
  access: ManagementAccessService;
}

export interface RelayViewOptions {
  /** How long a suspicion must hold before it is reported (setting `management.suspicionGraceMs`). @default 30000 */
  graceMs?: number;
  /**
   * ECS Core servers of the farm listening on each registration: a fixed number (the `management.farmHosts` override)
   * or, by default, the live hosts the farm discovers from their heartbeats (asked once per view). @default 1
   */
  farmHosts?: number | (() => Promise<number>);
  /** Injected in tests. @default Date.now */
  clock?: () => number;
}

/** States in which our listener may hold a channel Azure counts. */
// DEGRADED: connected unless withdrawn (health overlay); counted as maybe, so a degraded host is not taken for a foreign listener.
const MAY_BE_CONNECTED: ReadonlySet<RelayState> = new Set(["CONNECTING", "ONLINE", "DEGRADED", "RECONNECTING", "STOPPING"]);

type Listing = { hcs: AzureHybridConnection[] | null; error: string | null };

export class RelayViewService {
  private readonly halfOpen: SuspicionTracker;
  private readonly foreign: SuspicionTracker;
  private readonly graceMs: number;
  private readonly farmHosts: () => Promise<number>;
  /** Concurrent asks for one namespace (a list of registrations each resolving `relay`) share one ARM call. */
  private readonly inFlight = new Map<string, Promise<Listing>>();

  constructor(private readonly deps: RelayViewDeps, options: RelayViewOptions = {}) {
    this.graceMs = options.graceMs ?? 30_000;
    const hosts = options.farmHosts ?? 1;
    this.farmHosts = typeof hosts === "number" ? async () => hosts : hosts;
    this.halfOpen = new SuspicionTracker(this.graceMs, options.clock);
    this.foreign = new SuspicionTracker(this.graceMs, options.clock);
  }

  async relays(): Promise<RelayView[]> {
    const registrations = await this.deps.listRegistrations();
    const namespaces = new Set([...(await this.deps.access.namespaces()), ...registrations.map((r) => r.namespace.toLowerCase())]);
    const hosts = await this.farmHosts();
    const views = await Promise.all([...namespaces].sort().map((ns) => this.namespaceRelays(ns, registrations, hosts)));
    return views.flat();
  }

  /** The relay a registration listens on. */
  async relayOf(registration: Pick<PublicRegistration, "namespace" | "hybridConnectionName">): Promise<RelayView | undefined> {
    // Only this relay's view: building every view of the namespace per registration made a list of n registrations cost n³.
    const namespace = registration.namespace.toLowerCase();
    const id = relayId(registration.namespace, registration.hybridConnectionName);
    const ours = (await this.deps.listRegistrations()).filter((r) => relayId(r.namespace, r.hybridConnectionName) === id);
    const [{ hcs, error }, hosts] = await Promise.all([this.listing(namespace), this.farmHosts()]);
    const hc = hcs?.find((h) => relayId(namespace, h.name) === id);
    if (hc) return this.view(namespace, hc.name, ours, hc, error, hosts);
    return ours.length ? this.view(namespace, registration.hybridConnectionName, ours, hcs ? null : undefined, error, hosts) : undefined;
  }

  private async namespaceRelays(namespace: string, all: PublicRegistration[], hosts: number): Promise<RelayView[]> {
    const ours = all.filter((r) => r.namespace.toLowerCase() === namespace);
    const { hcs, error } = await this.listing(namespace);
    const byId = new Map<string, RelayView>();
    for (const hc of hcs ?? []) byId.set(relayId(namespace, hc.name), this.view(namespace, hc.name, ours, hc, error, hosts));
    for (const r of ours) {
      const id = relayId(namespace, r.hybridConnectionName);
      if (!byId.has(id)) byId.set(id, this.view(namespace, r.hybridConnectionName, ours, hcs ? null : undefined, error, hosts));
    }
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private listing(namespace: string): Promise<Listing> {
    let pending = this.inFlight.get(namespace);
    if (!pending) {
      pending = this.fetch(namespace).finally(() => this.inFlight.delete(namespace));
      this.inFlight.set(namespace, pending);
    }
    return pending;
  }

  private async fetch(namespace: string): Promise<Listing> {
    try {
      const client = await this.deps.access.clientFor(namespace);
      return client ? { hcs: await client.listHybridConnections(), error: null } : { hcs: null, error: null };
    } catch (e) {
      return { hcs: null, error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** `azure`: Azure's entry; null = Azure says it does not exist; undefined = Azure was not asked. */
  private view(namespace: string, name: string, ours: PublicRegistration[], azure: AzureHybridConnection | null | undefined, error: string | null, hosts: number): RelayView {
    const id = relayId(namespace, name);
    const registrations = ours.filter((r) => relayId(r.namespace, r.hybridConnectionName) === id);
    const states = registrations.filter((r) => r.enabled).map((r) => this.deps.stateOf(r.id));
    const online = states.filter((s) => s === "ONLINE").length;
    const mayBeConnected = states.filter((s) => MAY_BE_CONNECTED.has(s)).length * hosts;
    const count = azure?.listenerCount ?? null;
    const halfOpen = this.halfOpen.observe(id, online > 0 && count === 0);
    const foreign = this.foreign.observe(id, count !== null && count > mayBeConnected);
    return {
      id,
      name: azure?.name ?? registrations[0]?.hybridConnectionName ?? name,
      namespace: registrations[0]?.namespace ?? namespace,
      source: azure ? "AZURE" : "REGISTRATIONS",
      existsInAzure: azure === undefined ? null : azure !== null,
      listenerCount: count,
      requiresClientAuthorization: azure?.requiresClientAuthorization ?? null,
      userMetadata: azure?.userMetadata ?? null,
      createdAt: azure?.createdAt ?? null,
      updatedAt: azure?.updatedAt ?? null,
      ourListenersOnline: online,
      registrations,
      halfOpen: halfOpen ? { suspected: true, advice: halfOpenAdvice(this.graceMs) } : NO_SUSPICION,
      foreignListeners: foreign ? { suspected: true, advice: foreignListenersAdvice(count ?? 0, mayBeConnected) } : NO_SUSPICION,
      managementError: error,
    };
  }
}
