/**
 * A Lit reactive controller holding one registration's detail data and keeping it fresh: target health, traffic and
 * history every `DETAIL_REFRESH_MS` and at once when the registration's state changes, the journal on demand
 * (filters) and through the live tail while it is on. Each part loads on its own and keeps its own error, so one failing (or
 * missing) part never blanks the others. Stops its timer and feed with the host.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { Translate } from "../i18n";
import { generalErrorText } from "../problems";
import { WRITE_PERMISSION, type DetailApi, type ProbeInfo, type TargetHealthInfo } from "../detail/detail-api";
import type { JournalEntry, ProbeResult, StatusHistory, TrafficPoint } from "../detail/detail-types";
import { NO_FILTER, toFilterInput, withTailEntry, type JournalFilterState } from "../detail/journal-filter";
import type { ReplayView } from "../detail/replay-view";

/** How often health and traffic are refreshed while the detail is open. 10 s: the health check's default interval. */
export const DETAIL_REFRESH_MS = 10_000;

/** Minutes of traffic the chart shows. */
export const TRAFFIC_MINUTES = 60;

export type DetailPart = "permissions" | "health" | "traffic" | "journal" | "history" | "probe";

export class DetailData implements ReactiveController {
  id: string | null = null;
  canWrite = false;
  health?: TargetHealthInfo | null;
  points: readonly TrafficPoint[] = [];
  entries: readonly JournalEntry[] = [];
  journalLoading = false;
  filter: JournalFilterState = NO_FILTER;
  tailing = false;
  replays: ReadonlyMap<string, ReplayView> = new Map();
  history?: StatusHistory | null;
  probeInfo?: ProbeInfo | null;
  probeResult?: ProbeResult | null;
  probing = false;
  errors: Partial<Record<DetailPart, string>> = {};

  private timer?: ReturnType<typeof setInterval>;
  private stopTail?: () => void;
  /** Bumped on every switch of registration: answers for an earlier one are dropped. */
  private generation = 0;

  constructor(private readonly host: ReactiveControllerHost, readonly api: DetailApi, private readonly t: () => Translate) {
    host.addController(this);
  }

  hostConnected(): void {
    this.timer = setInterval(() => void this.refresh(), DETAIL_REFRESH_MS);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
    this.setTail(false);
  }

  /** Shows `id` (loads everything), or nothing for null. */
  show(id: string | null): void {
    if (id === this.id) return;
    this.setTail(false);
    Object.assign(this, { id, health: undefined, points: [], entries: [], filter: NO_FILTER, replays: new Map(), history: undefined, probeInfo: undefined, probeResult: undefined, errors: {} });
    this.generation++;
    if (id === null) return;
    void this.load("permissions", () => this.api.permissions(), (held) => (this.canWrite = held.includes(WRITE_PERMISSION)));
    void this.refresh();
    void this.loadJournal();
    if (this.api.probeInfo) void this.load("probe", () => this.api.probeInfo!(id), (info) => (this.probeInfo = info));
  }

  /** Health, traffic and history again (the timer; also after a state change). */
  async refresh(): Promise<void> {
    const id = this.id;
    if (id === null) return;
    await Promise.all([
      this.load("health", () => this.api.targetHealth(id), (health) => (this.health = health)),
      this.api.traffic ? this.load("traffic", () => this.api.traffic!(id, TRAFFIC_MINUTES), (points) => (this.points = points)) : undefined,
      // The server writes state changes in batches (every 2 s by default): a change seen live lands in the history a little later.
      this.loadHistory(),
    ]);
  }

  async loadHistory(): Promise<void> {
    const id = this.id;
    if (id !== null && this.api.history) await this.load("history", () => this.api.history!(id), (history) => (this.history = history));
  }

  async loadJournal(): Promise<void> {
    const id = this.id;
    if (id === null || !this.api.requests) return;
    this.journalLoading = true;
    await this.load("journal", () => this.api.requests!(id, toFilterInput(this.filter)), (entries) => (this.entries = entries));
    this.journalLoading = false;
    this.host.requestUpdate();
  }

  setFilter(filter: JournalFilterState): void {
    this.filter = filter;
    void this.loadJournal();
  }

  /** Starts or stops the live tail (a graphql-ws subscription for this registration). */
  setTail(on: boolean): void {
    this.stopTail?.();
    this.stopTail = undefined;
    this.tailing = on && this.id !== null && !!this.api.tail;
    if (this.tailing) {
      this.stopTail = this.api.tail!(this.id as string, {
        onEntry: (entry) => {
          this.entries = withTailEntry(this.entries, entry, this.filter);
          this.host.requestUpdate();
        },
        onReconnected: () => void this.loadJournal(),
      });
    }
    this.host.requestUpdate();
  }

  async replay(requestId: string): Promise<void> {
    const id = this.id;
    if (id === null || !this.api.replay || this.replays.get(requestId)?.kind === "busy") return;
    this.setReplay(requestId, { kind: "busy" });
    try {
      this.setReplay(requestId, { kind: "done", result: await this.api.replay(id, requestId) });
    } catch (error) {
      this.setReplay(requestId, { kind: "failed", message: generalErrorText(error, this.t()) });
    }
  }

  async probe(): Promise<void> {
    const id = this.id;
    if (id === null || !this.api.probe || this.probing) return;
    this.probing = true;
    this.host.requestUpdate();
    await this.load("probe", () => this.api.probe!(id), (result) => (this.probeResult = result));
    this.probing = false;
    this.host.requestUpdate();
  }

  private setReplay(requestId: string, view: ReplayView): void {
    this.replays = new Map(this.replays).set(requestId, view);
    this.host.requestUpdate();
  }

  /** Runs one part's load: its error is kept (translated); an answer for a registration no longer shown is dropped. */
  private async load<T>(part: DetailPart, fetch: () => Promise<T>, apply: (value: T) => void): Promise<void> {
    const generation = this.generation;
    let outcome: { value: T } | { error: string };
    try {
      outcome = { value: await fetch() };
    } catch (error) {
      outcome = { error: generalErrorText(error, this.t()) };
    }
    if (generation !== this.generation) return;
    if ("value" in outcome) apply(outcome.value);
    this.errors = { ...this.errors, [part]: "error" in outcome ? outcome.error : undefined };
    this.host.requestUpdate();
  }
}
