/**
 * `<azure-relay-probe-panel>` — the end-to-end probe of one registration: *Probe now* (a real request through the
 * relay's public address to this registration's listener and back) and the latest result: round-trip time, which
 * host's listener answered, each hop's outcome, or the problem in plain words with what to do (translated by its code).
 *
 * Properties: `registrationId`, `result` (ProbeResult: the latest, e.g. `lastProbe`), `settings`
 *   ({ intervalSeconds, hasSendConnectionString }), `busy`, `canProbe` (write permission; the server checks again),
 *   `error` (string: the request itself failed), `now` (Date), `language`.
 * Events: `azure-relay-probe-requested-v1` `{ id }`.
 * Slots: none. CSS custom properties: the shared ones (styles.ts).
 */
import { css, html, nothing } from "lit";
import { property } from "lit/decorators.js";
import type { ProbeResult } from "../detail/detail-types";
import { hopNameText, hopOutcomeText } from "../detail/probe-hops";
import { problemText } from "../detail/problem-text";
import { EVENTS, fire } from "../events";
import { dateTime, latency, relativeTime } from "../format";
import { base } from "../styles";
import { defineElement } from "./define-element";
import { detailSectionStyles } from "./detail-styles";
import { LocalisedElement } from "./localised-element";

export interface ProbeSettings {
  intervalSeconds: number;
  hasSendConnectionString: boolean;
}

@defineElement("azure-relay-probe-panel")
export class AzureRelayProbePanel extends LocalisedElement {
  static styles = [
    base,
    detailSectionStyles,
    css`
      .result { margin-top: var(--_space); padding: var(--_space) calc(var(--_space) * 1.5); border-left: 3px solid var(--_success); }
      .result.failed { border-left-color: var(--_danger); }
      ol { margin: calc(var(--_space) * 0.5) 0 0; padding-left: 1.2em; }
    `,
  ];

  @property() registrationId = "";
  @property({ attribute: false }) result?: ProbeResult | null;
  @property({ attribute: false }) settings?: ProbeSettings;
  @property({ type: Boolean }) busy = false;
  @property({ type: Boolean }) canProbe = false;
  @property() error = "";
  @property({ attribute: false }) now = new Date();

  render() {
    return html`<section aria-labelledby="probe-title">
      <h3 id="probe-title">${this.t("probeTitle")}</h3>
      <p class="muted">${this.t("probeIntro")}</p>
      ${this.settings ? html`<p class="muted">${this.settingsText(this.settings)}</p>` : nothing}
      ${this.canProbe
        ? html`<button type="button" class="primary" aria-disabled=${this.busy ? "true" : "false"} @click=${() => this.busy || fire(this, EVENTS.probeRequested, { id: this.registrationId })}>
            ${this.busy ? this.t("probing") : this.t("probeButton")}</button>`
        : html`<p class="muted">${this.t("probeNeedsWrite")}</p>`}
      <div role="status" aria-live="polite">
        ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
        ${this.result ? this.resultBlock(this.result) : nothing}
      </div>
    </section>`;
  }

  private settingsText(s: ProbeSettings): string {
    const periodic = s.intervalSeconds > 0 ? this.t("probeEvery", { seconds: s.intervalSeconds }) : this.t("probePeriodicOff");
    return `${periodic} · ${this.t(s.hasSendConnectionString ? "probeSendKeySet" : "probeSendKeyNone")}`;
  }

  private resultBlock(r: ProbeResult) {
    const lang = this.language;
    const when = html`<time datetime=${r.at} title=${dateTime(r.at, lang)}>${relativeTime(r.at, this.now, lang)}</time>`;
    const problem = r.problem ? problemText(r.problem, this.t) : undefined;
    return html`<div class="result ${r.ok ? "" : "failed"}">
      <p><strong class=${r.ok ? "ok" : "error"}><span aria-hidden="true">${r.ok ? "✓ " : "✕ "}</span>${r.ok ? this.t("probeOk") : this.t("probeFailed")}</strong> · ${when}</p>
      <dl>
        <dt>${this.t("probeRtt")}</dt><dd>${r.roundTripMs === null ? "—" : latency(r.roundTripMs, lang)}</dd>
        <dt>${this.t("probeAnsweredBy")}</dt><dd>${r.answeredBy ? html`<code>${r.answeredBy}</code>` : "—"}</dd>
      </dl>
      ${r.hops.length
        ? html`<h4>${this.t("probeHops")}</h4><ol>${r.hops.map((h) => html`<li>${hopNameText(h.name, this.t)}: ${hopOutcomeText(h.outcome, this.t)}${h.ms === null ? "" : ` (${latency(h.ms, lang)})`}</li>`)}</ol>`
        : nothing}
      ${problem ? html`<p><strong>${this.t("lastError")}:</strong> ${problem.message}</p><p><strong>${this.t("advice")}:</strong> ${problem.advice}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-probe-panel": AzureRelayProbePanel;
  }
}
