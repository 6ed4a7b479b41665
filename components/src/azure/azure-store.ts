/**
 * The tab's model of the Azure view: each registration's relay, key rights and recommendation, management
 * access per namespace, and the outcome of the last "Secure this registration" per row. Plain TS (no Lit) so
 * jest can drive it with a fake API.
 */
import type { AzureViewData } from "./azure-api";
import type { RegistrationAzure, RelayManagementAccess, SecureRegistrationReport } from "./azure-api";

export interface AzureSource {
  view(): Promise<AzureViewData>;
  secure(id: string): Promise<SecureRegistrationReport>;
}

/** What a row shows of the last secure attempt: the report, or the error (kept raw; the element words it). */
export interface SecureOutcome {
  report?: SecureRegistrationReport;
  error?: unknown;
}

/** Everything a row needs for its Azure column and recommendation. */
export interface RowAzure {
  data?: RegistrationAzure;
  outcome?: SecureOutcome;
  securing: boolean;
}

export type SuspicionKind = "halfOpen" | "foreign";

export interface RaisedSuspicion {
  id: string;
  kind: SuspicionKind;
}

function suspicions(r: RegistrationAzure | undefined): SuspicionKind[] {
  const kinds: SuspicionKind[] = [];
  if (r?.relay?.halfOpenSuspected) kinds.push("halfOpen");
  if (r?.relay?.foreignListenersSuspected) kinds.push("foreign");
  return kinds;
}

/** Suspicions present now that were not in `before`. */
export function raisedSince(before: ReadonlyMap<string, RegistrationAzure>, now: readonly RegistrationAzure[]): RaisedSuspicion[] {
  return now.flatMap((r) => {
    const old = suspicions(before.get(r.id));
    return suspicions(r)
      .filter((kind) => !old.includes(kind))
      .map((kind) => ({ id: r.id, kind }));
  });
}

export class AzureStore {
  private byId = new Map<string, RegistrationAzure>();
  private outcomes = new Map<string, SecureOutcome>();
  access: RelayManagementAccess[] = [];
  loaded = false;
  securingId: string | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly source: AzureSource) {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Asks for the whole view again. Returns the suspicions raised since the previous answer (none on the
   * first), so the tab can announce them: a warning that appears on its own would otherwise go unheard.
   */
  async refresh(): Promise<RaisedSuspicion[]> {
    const view = await this.source.view();
    const before = this.loaded ? this.byId : undefined;
    this.byId = new Map(view.registrations.map((r) => [r.id, r]));
    this.access = view.access;
    this.loaded = true;
    this.emit();
    return before ? raisedSince(before, view.registrations) : [];
  }

  row(id: string): RowAzure {
    return { data: this.byId.get(id), outcome: this.outcomes.get(id), securing: this.securingId === id };
  }

  /** Every row's Azure state, keyed by registration id (a new map on each change, so Lit sees it). */
  rows(ids: readonly string[]): ReadonlyMap<string, RowAzure> {
    return new Map(ids.map((id) => [id, this.row(id)]));
  }

  accessOf(namespace: string): RelayManagementAccess | undefined {
    return this.access.find((a) => a.namespace === namespace.toLowerCase());
  }

  /** The namespaces of the registrations and of configured access, lower case (as the server keys them), sorted. */
  namespaces(registrationNamespaces: readonly string[]): string[] {
    return [...new Set([...registrationNamespaces.map((n) => n.toLowerCase()), ...this.access.map((a) => a.namespace)])].sort();
  }

  /** Runs secureRelayRegistration (one at a time); the outcome stays on the row until the next attempt. */
  async secure(id: string): Promise<SecureRegistrationReport | undefined> {
    if (this.securingId !== null) return undefined;
    this.securingId = id;
    this.outcomes.delete(id);
    this.emit();
    try {
      const report = await this.source.secure(id);
      this.outcomes.set(id, { report });
      return report;
    } catch (error) {
      this.outcomes.set(id, { error });
      return undefined;
    } finally {
      this.securingId = null;
      this.emit();
    }
  }

  /** Forgets a removed registration's outcome. */
  forget(id: string): void {
    this.outcomes.delete(id);
    this.byId.delete(id);
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
