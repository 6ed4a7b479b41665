/**
 * The request journal of this host (issue 12 item 4): the last N finished requests per registration, in memory,
 * from the data plane's `requests` batches (server/relay/request-journal-tap.ts, already redacted there). Also feeds
 * the per-registration traffic figures (traffic-stats.ts) and the live tail. Knows nothing of GraphQL.
 */
import { randomBytes } from "node:crypto";
import type { Disposable } from "../../host/contract";
import { forEachFigure, packRecords, unpackRecord, type PackedRecords } from "../../relay/packed-records";
import type { RequestRecord, RequestRecordOutcome, WorkerEvent } from "../../relay/protocol";
import { DEFAULT_JOURNAL, type JournalSettings } from "./journal-settings";
import { liveTail } from "./live-tail";
import { EntryRing } from "./entry-ring";
import { RegistrationTraffic, statusClassOf } from "./traffic-stats";

/** A record as the journal keeps it: with an id (for replay) and the host that served it. */
export interface JournalEntry extends RequestRecord {
  id: string;
  registrationId: string;
  hostId: string;
}

export interface JournalFilter {
  outcome?: RequestRecordOutcome | null;
  /** 1..5 for 1xx..5xx; 0 for requests that got no answer. */
  statusClass?: number | null;
  method?: string | null;
  pathContains?: string | null;
  /** At most this many (newest first). Default all kept. */
  limit?: number | null;
}

export class RequestJournal {
  private readonly rings = new Map<string, EntryRing>();
  private readonly traffic = new Map<string, RegistrationTraffic>();
  private settings: Map<string, JournalSettings> | undefined;
  /** Live-tail handlers by registration: a registration nobody follows costs no lookup per entry beyond one get. */
  private readonly handlers = new Map<string, Set<(entry: JournalEntry) => void>>();
  /** Ids are unique per activation: a prefix per start and a counter. */
  private readonly idPrefix = randomBytes(3).toString("hex");
  private seq = 0;

  constructor(private readonly hostId: string) {}

  /** The data plane's events; only `requests` matter here (their batches taken packed, as they crossed). */
  readonly onWorkerEvent = (event: WorkerEvent): void => {
    if (event.type !== "requests") return;
    for (const batch of event.batches) this.ingest(batch.listenerId.slice(0, batch.listenerId.lastIndexOf("#")), batch.packed ?? packRecords(batch.records));
  };

  /** The registrations there are, with their settings; the others' entries and figures are forgotten. */
  configure(registrations: ReadonlyArray<{ registrationId: string; journal?: JournalSettings }>): void {
    this.settings = new Map(registrations.map((r) => [r.registrationId, r.journal ?? DEFAULT_JOURNAL]));
    for (const id of [...this.rings.keys()]) if (!this.settings.has(id)) this.rings.delete(id);
    for (const id of [...this.traffic.keys()]) if (!this.settings.has(id)) this.traffic.delete(id);
    for (const [id, ring] of this.rings) ring.resize(this.settings.get(id)!.size);
  }

  /**
   * A batch of the registration's records: counted into its figures and kept as it is (entry-ring.ts); an entry
   * object is built only for a live tail that follows the registration, or when the journal is read.
   */
  ingest(registrationId: string, packed: PackedRecords): void {
    const settings = this.settings ? this.settings.get(registrationId) : DEFAULT_JOURNAL;
    if (!settings) return; // a late batch of a removed registration
    let ring = this.rings.get(registrationId);
    if (!ring) this.rings.set(registrationId, (ring = new EntryRing(settings.size)));
    let traffic = this.traffic.get(registrationId);
    if (!traffic) this.traffic.set(registrationId, (traffic = new RegistrationTraffic()));
    forEachFigure(packed, traffic.addFigures);
    const first = this.seq + 1;
    this.seq += packed.count;
    ring.push(packed, first);
    const followers = this.handlers.get(registrationId);
    if (!followers) return;
    for (let i = 0; i < packed.count; i++) {
      const entry = this.entryOf(registrationId, first + i, unpackRecord(packed, i));
      for (const handler of followers) handler(entry);
    }
  }

  /** Newest first, filtered. */
  list(registrationId: string, filter: JournalFilter = {}): JournalEntry[] {
    const ring = this.rings.get(registrationId);
    if (!ring) return [];
    const method = filter.method?.toUpperCase();
    const pathPart = filter.pathContains?.toLowerCase();
    const limit = filter.limit != null ? Math.max(0, filter.limit) : Infinity;
    const matches: JournalEntry[] = [];
    for (const { seq, record: e } of ring.newestFirst()) {
      if (matches.length >= limit) break;
      if (filter.outcome && e.outcome !== filter.outcome) continue;
      if (filter.statusClass != null && classNumber(e.status) !== filter.statusClass) continue;
      if (method && e.method !== method) continue;
      if (pathPart && !e.path.toLowerCase().includes(pathPart)) continue;
      matches.push(this.entryOf(registrationId, seq, e));
    }
    return matches;
  }

  get(registrationId: string, id: string): JournalEntry | undefined {
    const prefix = `${this.idPrefix}-`;
    if (!id.startsWith(prefix)) return undefined;
    const seq = Number.parseInt(id.slice(prefix.length), 36);
    if (!Number.isSafeInteger(seq) || seq.toString(36) !== id.slice(prefix.length)) return undefined;
    const record = this.rings.get(registrationId)?.find(seq);
    return record && this.entryOf(registrationId, seq, record);
  }

  /** The registration's traffic figures, or undefined before its first record. */
  trafficOf(registrationId: string): RegistrationTraffic | undefined {
    return this.traffic.get(registrationId);
  }

  /** Each entry of the registration as it is recorded. */
  onRecorded(registrationId: string, handler: (entry: JournalEntry) => void): Disposable {
    let set = this.handlers.get(registrationId);
    if (!set) this.handlers.set(registrationId, (set = new Set()));
    set.add(handler);
    return {
      dispose: () => {
        set.delete(handler);
        if (set.size === 0 && this.handlers.get(registrationId) === set) this.handlers.delete(registrationId);
      },
    };
  }

  /** A record as an entry: the id of its sequence number, and where it was recorded. */
  private entryOf(registrationId: string, seq: number, record: RequestRecord): JournalEntry {
    const entry = record as JournalEntry; // built for this call (unpackRecord): it becomes the entry, no second object
    entry.id = `${this.idPrefix}-${seq.toString(36)}`;
    entry.registrationId = registrationId;
    entry.hostId = this.hostId;
    return entry;
  }

  /** The live tail of one registration as an async iterator (bounded; see live-tail.ts). */
  tail(registrationId: string): AsyncIterableIterator<JournalEntry> {
    return liveTail((push) => this.onRecorded(registrationId, push));
  }
}

function classNumber(status: number | undefined): number {
  const c = statusClassOf(status);
  return c === "none" ? 0 : Number(c[0]);
}
