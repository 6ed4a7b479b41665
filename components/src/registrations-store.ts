/**
 * The tab's model of the registrations: the list from the API, kept live by status events and a light
 * periodic refresh of status and traffic. Plain TS (no Lit) so jest can drive it with a fake API.
 */
import type { LiveFields, RelayRegistration, RelayState, RelayStatus, RelayStatusEvent } from "./registrations-client";

export interface RegistrationsSource {
  list(): Promise<RelayRegistration[]>;
  live(): Promise<LiveFields[]>;
}

/** A state change worth announcing to screen-reader users. */
export interface StateChange {
  id: string;
  name: string;
  state: RelayState;
}

/**
 * Keeps the newer of two statuses. A periodic refresh may have been computed before an event that arrived
 * first; comparing `since` keeps such a stale answer from undoing the event.
 */
export function newerStatus(current: RelayStatus, incoming: RelayStatus): RelayStatus {
  return Date.parse(incoming.since) >= Date.parse(current.since) ? incoming : current;
}

export class RegistrationsStore {
  private items: RelayRegistration[] = [];
  private readonly listeners = new Set<() => void>();
  loaded = false;

  constructor(private readonly source: RegistrationsSource) {}

  get registrations(): readonly RelayRegistration[] {
    return this.items;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The whole list (at start, after a reconnect, after an error). */
  async refresh(): Promise<void> {
    this.items = sortByName(await this.source.list());
    this.loaded = true;
    this.emit();
  }

  /** Status and traffic only; registrations added or removed elsewhere show up with the next full refresh. */
  async refreshLive(): Promise<void> {
    const live = new Map((await this.source.live()).map((l) => [l.id, l]));
    const known = this.items.every((r) => live.has(r.id)) && live.size === this.items.length;
    if (!known) return this.refresh();
    this.items = this.items.map((r) => {
      const l = live.get(r.id) as LiveFields;
      return { ...r, traffic: l.traffic, status: newerStatus(r.status, l.status) };
    });
    this.emit();
  }

  /** Applies a status event; returns the change to announce, if the state really changed. */
  applyEvent(event: RelayStatusEvent): StateChange | undefined {
    const current = this.items.find((r) => r.id === event.registrationId);
    if (!current) return undefined;
    const status = newerStatus(current.status, event.status);
    if (status === current.status) return undefined;
    this.replace({ ...current, status });
    return status.state === current.status.state ? undefined : { id: current.id, name: current.name, state: status.state };
  }

  /**
   * Inserts or replaces one registration (after add, update, restart). A mutation's answer may be older than a
   * status event that overtook it (a restarted listener can be online before the answer arrives): the newer
   * status is kept.
   */
  upsert(registration: RelayRegistration): void {
    const current = this.items.find((r) => r.id === registration.id);
    const others = this.items.filter((r) => r.id !== registration.id);
    const status = current ? newerStatus(current.status, registration.status) : registration.status;
    this.items = sortByName([...others, { ...registration, status }]);
    this.emit();
  }

  remove(id: string): void {
    this.items = this.items.filter((r) => r.id !== id);
    this.emit();
  }

  private replace(registration: RelayRegistration): void {
    this.items = this.items.map((r) => (r.id === registration.id ? registration : r));
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

function sortByName(items: RelayRegistration[]): RelayRegistration[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
