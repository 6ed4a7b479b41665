/**
 * `<azure-relay-state-timeline>` — one registration's state history: uptime over 24 h and 7 days, flaps, and a bar
 * over the chosen window (24 h or 7 d) with a stretch per state (colour and pattern by kind, the state's name in each
 * stretch's tooltip), then the window's changes as a list (newest first) — the bar's text alternative.
 *
 * Properties: `history` (StatusHistory), `window` ("24h" | "7d"), `now` (Date), `loading`, `error` (string), `language`.
 * Events: `azure-relay-history-window-changed-v1` `{ window }`.
 * Slots: none. CSS custom properties: the shared ones (styles.ts).
 */
import { css, html, nothing } from "lit";
import { property } from "lit/decorators.js";
import { ref } from "lit/directives/ref.js";
import type { StatusHistory } from "../detail/detail-types";
import { changesInWindow, stateKind, timelineSegments, type TimelineSegment, type TimelineWindow } from "../detail/history-timeline";
import { EVENTS, fire } from "../events";
import { dateTime, stateLabel, stateSymbol } from "../format";
import { base } from "../styles";
import { defineElement } from "./define-element";
import { detailSectionStyles } from "./detail-styles";
import { LocalisedElement } from "./localised-element";

const WINDOWS: readonly TimelineWindow[] = ["24h", "7d"];

/** Positions a stretch through the CSSOM, not a style attribute: a host's CSP may forbid inline styles. */
function placeAt(segment: TimelineSegment) {
  return (element?: Element) => {
    if (!(element instanceof HTMLElement)) return;
    element.style.left = `${(segment.start * 100).toFixed(3)}%`;
    element.style.width = `${(segment.width * 100).toFixed(3)}%`;
  };
}

@defineElement("azure-relay-state-timeline")
export class AzureRelayStateTimeline extends LocalisedElement {
  static styles = [
    base,
    detailSectionStyles,
    css`
      .figures { display: flex; flex-wrap: wrap; gap: var(--_space) calc(var(--_space) * 3); margin: 0 0 var(--_space); }
      .figures div { display: flex; flex-direction: column; }
      .figures strong { font-size: 1.2em; }
      .bar { position: relative; height: 1.6rem; border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; background: var(--_surface); }
      .seg { position: absolute; top: 0; bottom: 0; }
      .seg.ok { background: var(--_success); }
      .seg.warn { background: var(--_warning); }
      .seg.bad { background: repeating-linear-gradient(45deg, var(--_danger) 0 6px, color-mix(in srgb, var(--_danger) 60%, var(--_surface)) 6px 12px); }
      .seg.off { background: var(--_muted); }
      .seg.none { background: repeating-linear-gradient(90deg, var(--_border) 0 2px, transparent 2px 6px); }
      .ends { display: flex; justify-content: space-between; color: var(--_muted); font-size: 0.85em; margin-top: calc(var(--_space) * 0.25); }
      .key { display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 0.5) calc(var(--_space) * 1.5); margin: var(--_space) 0; padding: 0; list-style: none; font-size: 0.9em; }
      .key .seg { position: static; display: inline-block; width: 1em; height: 1em; vertical-align: middle; margin-right: 0.3em; border-radius: 2px; }
      ol { margin: var(--_space) 0 0; padding-left: 1.2em; }
      li { margin-bottom: calc(var(--_space) * 0.25); overflow-wrap: anywhere; }
      summary { cursor: pointer; color: var(--_primary); margin-top: var(--_space); }
    `,
  ];

  @property({ attribute: false }) history?: StatusHistory;
  @property() window: TimelineWindow = "24h";
  @property({ attribute: false }) now = new Date();
  @property({ type: Boolean }) loading = false;
  @property() error = "";

  render() {
    return html`<section aria-labelledby="history-title">
      <div class="row"><h3 id="history-title">${this.t("historyTitle")}</h3>
        <div role="group" aria-label=${this.t("historyWindow")} class="row">
          ${WINDOWS.map((w) => html`<button type="button" aria-pressed=${this.window === w ? "true" : "false"}
            @click=${() => this.window !== w && fire(this, EVENTS.historyWindowChanged, { window: w })}>${this.t(w === "24h" ? "history24h" : "history7d")}</button>`)}
        </div></div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.history ? this.body(this.history) : html`<p class="muted">${this.t("loading")}</p>`}
    </section>`;
  }

  private body(history: StatusHistory) {
    const now = this.now.getTime();
    const segments = timelineSegments(history.changes, this.window, now);
    const changes = changesInWindow(history.changes, this.window, now);
    const flaps = this.window === "24h" ? history.flaps24h : history.flaps7d;
    return html`
      <div class="figures">
        <div><span class="muted">${this.t("uptime24h")}</span><strong>${this.percent(history.uptime24h)}</strong></div>
        <div><span class="muted">${this.t("uptime7d")}</span><strong>${this.percent(history.uptime7d)}</strong></div>
        <div><span class="muted">${this.t("flaps24h")}</span><strong>${history.flaps24h}</strong></div>
        <div><span class="muted">${this.t("flaps7d")}</span><strong>${history.flaps7d}</strong></div>
      </div>
      <div class="bar" role="img" aria-label=${this.t("historyBarLabel", { changes: changes.length, flaps })}>
        ${segments.map((s) => html`<div class="seg ${stateKind(s.state)}" title=${this.segmentTitle(s)}
          ${ref(placeAt(s))}></div>`)}
      </div>
      <div class="ends" aria-hidden="true"><span>${this.t(this.window === "24h" ? "historyStart24h" : "historyStart7d")}</span><span>${this.t("historyNow")}</span></div>
      ${this.key()}
      ${changes.length
        ? html`<details><summary>${this.t("historyChanges", { count: changes.length })}</summary><ol>${changes.map((c) => html`<li>
            <time datetime=${c.at}>${dateTime(c.at, this.language)}</time>: <span aria-hidden="true">${stateSymbol(c.state)} </span>${c.previousState ? `${stateLabel(c.previousState, this.t)} → ` : ""}${stateLabel(c.state, this.t)}${c.hostId ? ` · ${c.hostId}` : ""}${c.code ? html` · <code>${c.code}</code>` : nothing}</li>`)}</ol></details>`
        : html`<p class="muted">${this.t("historyNoChanges")}</p>`}
    `;
  }

  private key() {
    const kinds: Array<[string, string]> = [["ok", this.t("kindOk")], ["warn", this.t("kindWarn")], ["bad", this.t("kindBad")], ["off", this.t("kindOff")], ["none", this.t("kindNone")]];
    return html`<ul class="key" aria-hidden="true">${kinds.map(([cls, label]) => html`<li><span class="seg ${cls}"></span>${label}</li>`)}</ul>`;
  }

  private segmentTitle(s: TimelineSegment): string {
    const state = s.state ? stateLabel(s.state, this.t) : this.t("kindNone");
    return `${state}: ${dateTime(new Date(s.from).toISOString(), this.language)} – ${dateTime(new Date(s.to).toISOString(), this.language)}`;
  }

  private percent(value: number | null): string {
    if (value === null) return "—";
    return new Intl.NumberFormat(this.language, { style: "percent", maximumFractionDigits: 2 }).format(value);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-state-timeline": AzureRelayStateTimeline;
  }
}
