/**
 * `<azure-relay-overview>` — every registration at a glance: a summary line (how many in each state; a count
 * is a button that filters by its state), a text filter and a state filter, and a compact table (name, state,
 * hybrid connection, target, requests/min, errors, p95, last change) with the ones that need attention first.
 * Keyboard: one tab stop for the table; ↑/↓ (Home/End) move between rows, Enter opens the row's detail.
 * Below 48rem of its own width the table becomes stacked rows, each cell labelled.
 *
 * Properties: `registrations` (RelayRegistration[]), `now` (Date), `language`, `rates` (RequestRates:
 *   requests per minute), `highlightId` (a row to mark, e.g. the one just added).
 * Methods: `focusRow(id)` — shows (clearing filters that hide it), scrolls to and focuses a row.
 * Events: `azure-relay-detail-requested-v1` `{ id }` (Enter on a row, or a click on it; the name is also a link
 *   to the detail's URL, for a new tab).
 * Slots: none. CSS custom properties: the shared ones (styles.ts).
 */
import { html, nothing } from "lit";
import { property, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { EVENTS, fire } from "../events";
import { count, latency, relativeTime, stateLabel, stateSymbol } from "../format";
import { applyFilter, countByState, isFailing, sortForOverview, statesInOrder, type OverviewFilter } from "../overview/overview-model";
import { detailHref } from "../overview/detail-route";
import type { RequestRates } from "../overview/request-rate";
import type { RelayRegistration, RelayState } from "../registrations-client";
import { base } from "../styles";
import { LocalisedElement } from "./localised-element";
import { overviewStyles } from "./overview-styles";
import { defineElement } from "./define-element";

@defineElement("azure-relay-overview")
export class AzureRelayOverview extends LocalisedElement {
  static styles = [base, overviewStyles];

  @property({ attribute: false }) registrations: readonly RelayRegistration[] = [];
  @property({ attribute: false }) now = new Date();
  @property({ attribute: false }) rates?: RequestRates;
  @property({ attribute: false }) highlightId: string | null = null;

  @state() private filter: OverviewFilter = { text: "", state: "" };
  /** The row that holds the table's one tab stop (roving tabindex). */
  @state() private activeId: string | null = null;

  private sorted: RelayRegistration[] = [];
  private shown: RelayRegistration[] = [];

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("registrations")) this.sorted = sortForOverview(this.registrations);
    this.shown = applyFilter(this.sorted, this.filter);
    if (!this.shown.some((r) => r.id === this.activeId)) this.activeId = this.shown[0]?.id ?? null;
  }

  /** Makes the row visible (clearing filters that hide it), scrolls it into view and focuses it. */
  async focusRow(id: string): Promise<void> {
    if (!applyFilter(this.sorted, this.filter).some((r) => r.id === id)) this.filter = { text: "", state: "" };
    this.activeId = id;
    await this.updateComplete;
    const row = this.rowElement(id);
    row?.scrollIntoView({ block: "nearest" });
    row?.focus();
  }

  render() {
    return html`
      ${this.summary()}
      ${this.filters()}
      <p class="shown" id="shown" aria-live="polite">${this.t("overviewShown", { shown: count(this.shown.length, this.language), total: count(this.sorted.length, this.language) })}</p>
      <p class="hint" id="table-keys">${this.t("overviewKeys")}</p>
      <table aria-label=${this.t("tableCaption")} aria-describedby="shown table-keys">
        <thead>
          <tr>
            <th scope="col">${this.t("colName")}</th><th scope="col">${this.t("colStatus")}</th><th scope="col">${this.t("colHybrid")}</th>
            <th scope="col">${this.t("colTarget")}</th><th scope="col" class="num">${this.t("colRate")}</th><th scope="col" class="num">${this.t("colErrors")}</th>
            <th scope="col" class="num">${this.t("colP95")}</th><th scope="col">${this.t("colChanged")}</th>
          </tr>
        </thead>
        <tbody @keydown=${this.onKeydown}>
          ${repeat(this.shown, (r) => r.id, (r) => this.row(r))}
          ${this.shown.length ? nothing : html`<tr class="none"><td colspan="8">${this.t("overviewNoMatch")}</td></tr>`}
        </tbody>
      </table>
    `;
  }

  private summary() {
    const counts = countByState(this.registrations);
    return html`<div class="summary" role="group" aria-label=${this.t("summaryLabel")}>
      ${statesInOrder().map((s, i) => {
        const n = counts.get(s) ?? 0;
        const cls = `state-${s}${n === 0 ? " zero" : ""}${n > 0 && isFailing(s) ? " alarm" : ""}`;
        return html`${i ? html`<span aria-hidden="true" class="sep">·</span>` : nothing}<button type="button" class=${cls}
            aria-pressed=${this.filter.state === s ? "true" : "false"} data-state=${s} @click=${() => this.setState(this.filter.state === s ? "" : s)}>
            ${this.t("summaryEntry", { count: count(n, this.language), state: stateLabel(s, this.t) })}</button>`;
      })}
    </div>`;
  }

  private filters() {
    return html`<div class="filters">
      <div><label for="filter-text">${this.t("filterText")}</label>
        <input id="filter-text" type="search" autocomplete="off" spellcheck="false" .value=${this.filter.text}
          @input=${(e: Event) => (this.filter = { ...this.filter, text: (e.target as HTMLInputElement).value })} /></div>
      <div><label for="filter-state">${this.t("filterState")}</label>
        <select id="filter-state" .value=${this.filter.state} @change=${(e: Event) => this.setState((e.target as HTMLSelectElement).value as RelayState | "")}>
          <option value="" ?selected=${this.filter.state === ""}>${this.t("filterAllStates")}</option>
          ${statesInOrder().map((s) => html`<option value=${s} ?selected=${this.filter.state === s}>${stateLabel(s, this.t)}</option>`)}
        </select></div>
    </div>`;
  }

  private row(r: RelayRegistration) {
    const t = this.t;
    const traffic = r.traffic;
    const rate = this.rates?.perMinute(r.id);
    const dash = html`<span aria-hidden="true">—</span><span class="visually-hidden">${t("notYet")}</span>`;
    const classes = `${r.id === this.highlightId ? "highlight " : ""}${isFailing(r.status.state) ? "failing" : ""}`;
    return html`<tr tabindex=${r.id === this.activeId ? "0" : "-1"} data-id=${r.id} data-state=${r.status.state} class=${classes}
        @focus=${() => (this.activeId = r.id)} @click=${(e: MouseEvent) => this.onRowClick(e, r.id)}>
      <th scope="row"><a href=${detailHref(r.id)} tabindex="-1">${r.name}</a></th>
      <td data-label=${t("colStatus")}><span class="badge state-${r.status.state}"><span aria-hidden="true">${stateSymbol(r.status.state)}</span> ${stateLabel(r.status.state, t)}</span></td>
      <td data-label=${t("colHybrid")}><code>${r.hybridConnectionName}</code></td>
      <td data-label=${t("colTarget")}><code>${r.targetUrl}</code></td>
      <td data-label=${t("colRate")} class="num">${rate === undefined ? dash : count(Math.round(rate), this.language)}</td>
      <td data-label=${t("colErrors")} class="num">${count(traffic.failedRequests.total, this.language)}</td>
      <td data-label=${t("colP95")} class="num">${traffic.latencyMs ? latency(traffic.latencyMs.p95, this.language) : dash}</td>
      <td data-label=${t("colChanged")}><time datetime=${r.status.since}>${relativeTime(r.status.since, this.now, this.language)}</time></td>
    </tr>`;
  }

  private setState(value: RelayState | ""): void {
    this.filter = { ...this.filter, state: value };
  }

  private open(event: Event, id: string): void {
    event.preventDefault();
    fire(this, EVENTS.detailRequested, { id });
  }

  /** A click anywhere on the row opens its detail; a modified click on the name is left to the browser (new tab). */
  private onRowClick(event: MouseEvent, id: string): void {
    const onLink = (event.target as Element | null)?.closest?.("a") !== null;
    if (onLink && (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0)) return;
    this.open(event, id);
  }

  private rowElement(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(id)}"]`);
  }

  private onKeydown(event: KeyboardEvent): void {
    const index = this.shown.findIndex((r) => r.id === this.activeId);
    if (index < 0) return;
    const last = this.shown.length - 1;
    const moves: Record<string, number> = { ArrowDown: Math.min(last, index + 1), ArrowUp: Math.max(0, index - 1), Home: 0, End: last };
    if (event.key === "Enter") {
      this.open(event, this.shown[index].id);
    } else if (event.key in moves) {
      event.preventDefault();
      void this.focusRow(this.shown[moves[event.key]].id);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-overview": AzureRelayOverview;
  }
}
