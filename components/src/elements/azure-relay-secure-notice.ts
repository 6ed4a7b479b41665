/**
 * `<azure-relay-secure-notice>` — the one-click recommendation of a row: when the registration's key has
 * Manage rights and management access is configured, says so and offers *Secure this registration*; after an
 * attempt shows what was done (the report's summary and steps) or, in plain words, why it was not done. The
 * root confirms and runs the mutation; this element only asks and shows.
 *
 * Properties: `registration` (RelayRegistration, required), `azure` (RowAzure: recommendation, outcome,
 *   whether securing runs), `language`.
 * Events: `azure-relay-secure-requested-v1` — detail `{ id }`.
 * Slots: none. CSS parts: `notice`, `report`.
 * CSS custom properties: --azure-relay-color-warning, --azure-relay-color-success, --azure-relay-color-danger
 *   (plus the shared ones in styles.ts).
 */
import { css, html, nothing, type PropertyValues } from "lit";
import { property } from "lit/decorators.js";
import { secureErrorText } from "../azure/azure-format";
import type { RowAzure } from "../azure/azure-store";
import { EVENTS, fire } from "../events";
import { base } from "../styles";
import type { RelayRegistration } from "../registrations-client";
import { LocalisedElement } from "./localised-element";
import { defineElement } from "./define-element";

@defineElement("azure-relay-secure-notice")
export class AzureRelaySecureNotice extends LocalisedElement {
  static styles = [
    base,
    css`
      :host { display: block; }
      .notice { margin-top: var(--_space); padding: var(--_space) calc(var(--_space) * 1.5); border: 1px solid var(--_warning); border-left-width: 4px; border-radius: var(--_radius); }
      .notice p { margin: 0 0 var(--_space); }
      button[aria-disabled="true"] { opacity: 0.6; cursor: progress; }
      .report { margin-top: var(--_space); border-left: 4px solid var(--_success); padding-left: var(--_space); }
      .report p, .report ol { margin: 0.2em 0; }
      .error { color: var(--_danger); margin: var(--_space) 0 0; }
      .error:empty { display: none; }
    `,
  ];

  @property({ attribute: false }) registration?: RelayRegistration;
  @property({ attribute: false }) azure?: RowAzure;

  render() {
    const r = this.registration;
    if (!r) return nothing;
    const { data, outcome, securing } = this.azure ?? { securing: false };
    return html`
      ${data?.secureRecommended ? this.notice(r, securing) : nothing}
      <div role="status">
        ${outcome?.report
          ? html`<div class="report" part="report" tabindex="-1">
              <p><strong>${this.t("secureReportTitle")}</strong> ${outcome.report.summary}</p>
              <ol>${outcome.report.steps.map((step) => html`<li>${step}</li>`)}</ol>
            </div>`
          : nothing}
      </div>
      <p class="error" role="alert">${outcome?.error !== undefined ? secureErrorText(outcome.error, this.t) : ""}</p>
    `;
  }

  /** The button goes away once the registration is secure; its focus moves to the report that replaces it. */
  protected updated(changed: PropertyValues<this>): void {
    const before = (changed.get("azure") as RowAzure | undefined)?.outcome?.report;
    const report = this.azure?.outcome?.report;
    if (report && report !== before && this.shadowRoot?.activeElement instanceof HTMLButtonElement) {
      this.renderRoot.querySelector<HTMLElement>(".report")?.focus();
    }
  }

  private notice(r: RelayRegistration, securing: boolean) {
    // aria-disabled, not disabled: disabling the focused button would drop keyboard focus to the page.
    return html`<div class="notice" part="notice">
      <p><span aria-hidden="true">⚠ </span>${this.t("secureNotice", { keyName: r.keyName })}</p>
      <button type="button" class="primary" aria-disabled=${securing ? "true" : "false"} @click=${() => securing || fire(this, EVENTS.secureRequested, { id: r.id })}>
        ${securing ? this.t("securing") : this.t("secureButton")}<span class="visually-hidden"> ${r.name}</span>
      </button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-secure-notice": AzureRelaySecureNotice;
  }
}
