/**
 * Keeps each registration's state changes on this host: in memory for queries, and in the plugin store (key
 * `history:<registrationId>:<hostId>`) so they survive a restart. The status callback only appends in memory; a
 * timer writes the changed registrations at most once per `flushMs`, so a flapping listener cannot hammer the store
 * and never waits for it. Bounded by age and count (history-settings.ts).
 */
import type { Disposable, Logger, PluginStore } from "../../host/contract";
import type { RelayStatusChange } from "../supervisor/relay-status";
import { DAY_MS, type HistorySettings } from "./history-settings";
import { ORDERLY_STATES, type StateChangeRecord } from "./state-change";
import { summarise } from "./uptime";

const PREFIX = "history:";

interface StoredHistory {
  registrationId: string;
  hostId: string;
  changes: StateChangeRecord[];
}

export interface RegistrationHistory {
  changes: StateChangeRecord[];
  uptime24h: number | null;
  uptime7d: number | null;
  flaps24h: number;
  flaps7d: number;
}

export interface HistoryRecorderDeps {
  store: PluginStore;
  hostId: string;
  logger: Logger;
  settings: HistorySettings;
  /** Injectable clock for tests. @default Date.now */
  now?: () => number;
}

export class HistoryRecorder {
  private readonly byRegistration = new Map<string, StateChangeRecord[]>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private failing = false;
  private readonly now: () => number;

  constructor(private readonly deps: HistoryRecorderDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Loads this host's stored history (call before the listeners start). */
  async load(): Promise<void> {
    for (const [, stored] of await this.deps.store.entries<StoredHistory>(PREFIX)) {
      if (stored?.hostId !== this.deps.hostId || !Array.isArray(stored.changes)) continue;
      const live = this.byRegistration.get(stored.registrationId) ?? [];
      this.byRegistration.set(stored.registrationId, this.bounded([...stored.changes, ...live]));
    }
  }

  /** Records every state change `source` reports; dispose to stop. */
  follow(source: { onStatusChanged(handler: (change: RelayStatusChange) => void): Disposable }): Disposable {
    return source.onStatusChanged((change) => this.record(change));
  }

  /** Appends in memory and schedules a write; O(1), never waits. Data-only changes (same state) are not recorded. */
  record(change: RelayStatusChange): void {
    const { status } = change;
    this.append(change.registrationId, {
      at: status.since.toISOString(),
      state: status.state,
      previousState: change.previous,
      hostId: this.deps.hostId,
      code: "lastError" in status ? status.lastError.code : null,
    });
  }

  /** The last `days` days of a registration's history on this host, with uptime and flaps over 24 h and 7 days. */
  history(registrationId: string, days: number): RegistrationHistory {
    const all = this.byRegistration.get(registrationId) ?? [];
    const now = this.now();
    const since = now - days * DAY_MS;
    const day = summarise(all, now, DAY_MS);
    const week = summarise(all, now, 7 * DAY_MS);
    return { changes: all.filter((c) => Date.parse(c.at) >= since), uptime24h: day.uptime, uptime7d: week.uptime, flaps24h: day.flaps, flaps7d: week.flaps };
  }

  /** Writes every registration changed since the last write. Writes run one at a time. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.writeDirty());
    return this.writing;
  }

  /** At shutdown: records a STOPPING for every listener not already stopped (so the downtime is not counted as up), then writes. */
  async close(): Promise<void> {
    const at = new Date(this.now()).toISOString();
    for (const [registrationId, changes] of this.byRegistration) {
      const last = changes[changes.length - 1];
      if (last && !ORDERLY_STATES.has(last.state)) this.append(registrationId, { at, state: "STOPPING", previousState: last.state, hostId: this.deps.hostId, code: "HOST_STOPPED" });
    }
    await this.flush();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private append(registrationId: string, record: StateChangeRecord): void {
    const changes = this.byRegistration.get(registrationId) ?? [];
    if (changes[changes.length - 1]?.state === record.state) return;
    changes.push(record);
    this.byRegistration.set(registrationId, this.bounded(changes));
    this.dirty.add(registrationId);
    this.timer ??= setTimeout(() => void this.flush(), this.deps.settings.flushMs).unref();
  }

  /** Drops records beyond the count bound and those older than the age bound, keeping the newest older one as the starting state. */
  private bounded(changes: StateChangeRecord[]): StateChangeRecord[] {
    const cutoff = this.now() - this.deps.settings.maxAgeMs;
    let first = changes.findIndex((c) => Date.parse(c.at) >= cutoff);
    first = first === -1 ? changes.length - 1 : Math.max(0, first - 1);
    return changes.slice(Math.max(first, changes.length - this.deps.settings.maxChanges));
  }

  private async writeDirty(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    for (const registrationId of ids) {
      const value: StoredHistory = { registrationId, hostId: this.deps.hostId, changes: this.bounded(this.byRegistration.get(registrationId) ?? []) };
      try {
        await this.deps.store.set(`${PREFIX}${registrationId}:${this.deps.hostId}`, value);
        if (this.failing) this.deps.logger.info("status history is written to the store again");
        this.failing = false;
      } catch (error) {
        this.dirty.add(registrationId);
        if (!this.failing) this.deps.logger.warn("status history could not be written to the store; retrying", { error: (error as Error).message });
        this.failing = true;
      }
    }
    if (this.dirty.size > 0) this.timer ??= setTimeout(() => void this.flush(), this.deps.settings.flushMs).unref();
  }
}
