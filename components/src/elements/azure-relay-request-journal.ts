/**
 * `<azure-relay-request-journal>` — the last requests of one registration (newest first): time, method, path (query
 * values redacted by the server; sender, tracking id and host behind a disclosure), status, outcome, duration and size; filters by outcome, status class, method and
 * path text; a *Live tail* switch; and, for admins with the write permission, *Replay* per replayable entry (to the
 * local target only) with its result in the row.
 *
 * Properties: `entries` (JournalEntry[]), `filter` (JournalFilterState), `tailing` (boolean), `canReplay` (boolean),
 *   `replays` (ReadonlyMap<requestId, ReplayView>), `loading` (boolean), `error` (string: shown as an alert), `language`.
 * Events: `azure-relay-journal-filter-changed-v1` `{ filter }`, `azure-relay-journal-tail-toggled-v1` `{ on }`,
 *   `azure-relay-replay-requested-v1` `{ requestId }`.
 * Slots: none. CSS custom properties: the shared ones (styles.ts).
 */
import { css, html, nothing } from "lit";
import { property } from "lit/decorators.js";
import { REQUEST_OUTCOMES, type JournalEntry } from "../detail/detail-types";
import { filterFromForm, JOURNAL_METHODS, NO_FILTER, STATUS_CLASSES, type JournalFilterState } from "../detail/journal-filter";
import { replayText, type ReplayView } from "../detail/replay-view";
import { debounce } from "../debounce";
import { EVENTS, fire } from "../events";
import { bytes, dateTime, latency } from "../format";
import type { MessageKey } from "../i18n";
import { base } from "../styles";
import { defineElement } from "./define-element";
import { detailSectionStyles } from "./detail-styles";
import { LocalisedElement } from "./localised-element";

@defineElement("azure-relay-request-journal")
export class AzureRelayRequestJournal extends LocalisedElement {
  static styles = [
    base,
    detailSectionStyles,
    css`
      .path { overflow-wrap: anywhere; }
      .tail { margin-left: auto; }
      tr.failed th { box-shadow: inset 4px 0 0 var(--_danger); }
      /* Stacked rows: the mark runs down the block's edge instead of over the time. */
      @container (max-width: 40rem) {
        tr.failed th { box-shadow: none; }
        table.stack tbody tr.failed { border-left: 4px solid var(--_danger); }
      }
      .replay-result { display: block; font-size: 0.9em; margin-top: calc(var(--_space) * 0.25); }
      .more summary { cursor: pointer; color: var(--_primary); font-size: 0.9em; }
      .more dl { margin: calc(var(--_space) * 0.5) 0 0; font-size: 0.9em; }
    `,
  ];

  @property({ attribute: false }) entries: readonly JournalEntry[] = [];
  @property({ attribute: false }) filter: JournalFilterState = NO_FILTER;
  @property({ type: Boolean }) tailing = false;
  /** Show *Replay* (the caller holds the write permission; the server checks again). */
  @property({ type: Boolean }) canReplay = false;
  @property({ attribute: false }) replays: ReadonlyMap<string, ReplayView> = new Map();
  @property({ type: Boolean }) loading = false;
  @property() error = "";

  /** Typing in the path filter asks the server once the admin pauses. */
  private readonly pathChanged = debounce(() => this.emitFilter(), 300);

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pathChanged.cancel();
  }

  render() {
    return html`<section aria-labelledby="journal-title">
      <div class="row"><h3 id="journal-title">${this.t("journalTitle")}</h3>
        <button type="button" class="tail" aria-pressed=${this.tailing ? "true" : "false"} @click=${() => fire(this, EVENTS.journalTailToggled, { on: !this.tailing })}>
          <span aria-hidden="true">${this.tailing ? "■ " : "▶ "}</span>${this.t("journalTail")}</button></div>
      <p class="muted">${this.tailing ? this.t("journalTailOn") : this.t("journalHint")}</p>
      ${this.filters()}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.table()}
    </section>`;
  }

  private filters() {
    const f = this.filter;
    return html`<form class="filters" @submit=${(e: Event) => e.preventDefault()} @change=${() => this.emitFilter()}>
      <div><label for="f-outcome">${this.t("journalOutcome")}</label>
        <select id="f-outcome" name="outcome">
          <option value="">${this.t("journalAny")}</option>
          ${REQUEST_OUTCOMES.map((o) => html`<option value=${o} ?selected=${f.outcome === o}>${this.t(`outcome${o}` as MessageKey)}</option>`)}
        </select></div>
      <div><label for="f-status">${this.t("journalStatusClass")}</label>
        <select id="f-status" name="statusClass">
          <option value="">${this.t("journalAny")}</option>
          ${STATUS_CLASSES.map((c) => html`<option value=${String(c)} ?selected=${f.statusClass === c}>${c}xx</option>`)}
        </select></div>
      <div><label for="f-method">${this.t("journalMethod")}</label>
        <select id="f-method" name="method">
          <option value="">${this.t("journalAny")}</option>
          ${JOURNAL_METHODS.map((m) => html`<option value=${m} ?selected=${f.method === m}>${m}</option>`)}
        </select></div>
      <div><label for="f-path">${this.t("journalPath")}</label>
        <input id="f-path" name="pathContains" type="search" autocomplete="off" .value=${f.pathContains} @input=${() => this.pathChanged()} /></div>
    </form>`;
  }

  private emitFilter(): void {
    const form = this.renderRoot.querySelector("form");
    if (!form) return;
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? "");
    fire(this, EVENTS.journalFilterChanged, { filter: filterFromForm({ outcome: value("outcome"), statusClass: value("statusClass"), method: value("method"), pathContains: value("pathContains") }) });
  }

  private table() {
    if (this.loading && !this.entries.length) return html`<p class="muted">${this.t("loading")}</p>`;
    if (!this.entries.length) return html`<p class="muted">${this.t("journalEmpty")}</p>`;
    const t = this.t;
    return html`<table class="stack">
      <caption class="visually-hidden">${t("journalTitle")}</caption>
      <thead><tr><th scope="col">${t("journalTime")}</th><th scope="col">${t("journalMethod")}</th><th scope="col">${t("journalPathColumn")}</th>
        <th scope="col" class="num">${t("journalStatus")}</th><th scope="col">${t("journalOutcome")}</th><th scope="col" class="num">${t("journalDuration")}</th>
        <th scope="col" class="num">${t("journalSize")}</th>${this.canReplay ? html`<th scope="col">${t("colActions")}</th>` : nothing}</tr></thead>
      <tbody>${this.entries.map((e) => this.entryRow(e))}</tbody>
    </table>`;
  }

  private entryRow(e: JournalEntry) {
    const t = this.t;
    const lang = this.language;
    const clock = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    return html`<tr class=${e.outcome === "FORWARDED" ? "" : "failed"} data-id=${e.id}>
      <th scope="row"><time datetime=${e.at} title=${dateTime(e.at, lang)}>${clock.format(new Date(e.at))}</time></th>
      <td data-label=${t("journalMethod")}><code>${e.method}</code></td>
      <td data-label=${t("journalPathColumn")} class="path"><code>${e.path}</code>${this.more(e)}</td>
      <td data-label=${t("journalStatus")} class="num">${e.status ?? "—"}</td>
      <td data-label=${t("journalOutcome")}>${t(`outcome${e.outcome}` as MessageKey)}</td>
      <td data-label=${t("journalDuration")} class="num">${latency(e.durationMs, lang)}</td>
      <td data-label=${t("journalSize")} class="num">↓ ${bytes(e.bytesIn, lang)} ↑ ${bytes(e.bytesOut, lang)}</td>
      ${this.canReplay ? html`<td data-label=${t("colActions")}>${this.replayCell(e)}</td>` : nothing}
    </tr>`;
  }

  /** Who sent it, the relay's tracking id (for Azure support) and the host that served it, behind a disclosure. */
  private more(e: JournalEntry) {
    const rows: Array<[string, string | null | undefined]> = [[this.t("journalSender"), e.senderAddress], [this.t("journalTracking"), e.trackingId], [this.t("journalHost"), e.hostId]];
    const present = rows.filter(([, value]) => value);
    if (!present.length) return nothing;
    return html`<details class="more"><summary>${this.t("journalMore")}<span class="visually-hidden"> ${e.method} ${e.path}</span></summary>
      <dl>${present.map(([label, value]) => html`<dt>${label}</dt><dd><code>${value}</code></dd>`)}</dl></details>`;
  }

  private replayCell(e: JournalEntry) {
    if (e.replayable === false) return html`<span class="muted">${this.t("replayNotPossible")}</span>`;
    const view = this.replays.get(e.id);
    const busy = view?.kind === "busy";
    return html`<button type="button" aria-disabled=${busy ? "true" : "false"} @click=${() => busy || fire(this, EVENTS.replayRequested, { requestId: e.id })}>
        ${busy ? this.t("replaying") : this.t("replayButton")}<span class="visually-hidden"> ${e.method} ${e.path}</span></button>
      <span class="replay-result" role="status">${view && !busy ? replayText(view, this.t) : ""}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-request-journal": AzureRelayRequestJournal;
  }
}
