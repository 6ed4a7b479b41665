/**
 * `<azure-relay-azure-summary>` — the Azure column of a registration row: how many listeners Azure counts on
 * its hybrid connection ("—" when Azure was not asked, with the reason), the rights of its key, and the
 * suspicions (half-open channel, foreign listeners) and Azure's error as warnings in words, each with its
 * advice. A warning is written out with a "Warning:" title and a symbol, never shown by colour alone.
 *
 * Properties: `registration` (RelayRegistration, required), `azure` (RowAzure: the row's Azure view), `language`,
 *   `oursOnline` (number: this host's ONLINE listeners from the live list; when given it replaces the count of
 *   Azure's slower view, which would lag behind status events).
 * Attributes (reflected, for host CSS and tests): `warnings` — the kinds shown, space-separated
 *   (`halfOpen foreign managementError`), absent when none.
 * Events: none. Slots: none. CSS parts: `count`, `warning`.
 * CSS custom properties: --azure-relay-color-warning, --azure-relay-color-danger, --azure-relay-color-muted
 *   (plus the shared ones in styles.ts).
 */
import { css, html, nothing } from "lit";
import { property } from "lit/decorators.js";
import { count } from "../format";
import { azureWarnings, listenerCountText, rightsText, sourceHint, UNKNOWN } from "../azure/azure-format";
import type { RowAzure } from "../azure/azure-store";
import { base } from "../styles";
import type { RelayRegistration } from "../registrations-client";
import { LocalisedElement } from "./localised-element";
import { defineElement } from "./define-element";

@defineElement("azure-relay-azure-summary")
export class AzureRelayAzureSummary extends LocalisedElement {
  static styles = [
    base,
    css`
      :host { display: block; }
      p { margin: 0; }
      .count { font-weight: 600; }
      .muted { color: var(--_muted); font-size: 0.9em; }
      .warning { margin: 0.4em 0 0; padding: 0.4em 0.6em; border-left: 3px solid var(--_warning); background: color-mix(in srgb, var(--_warning) 8%, transparent); }
      .warning.managementError { border-left-color: var(--_danger); }
      .warning strong { display: block; }
    `,
  ];

  @property({ attribute: false }) registration?: RelayRegistration;
  @property({ attribute: false }) azure?: RowAzure;
  @property({ attribute: false }) oursOnline?: number;
  /** Mirrors the warnings shown, for host CSS and tests; set by the element itself. */
  @property({ reflect: true }) warnings?: string;

  protected willUpdate(): void {
    const kinds = azureWarnings(this.azure?.data?.relay, this.t).map((w) => w.kind);
    this.warnings = kinds.length ? kinds.join(" ") : undefined;
  }

  render() {
    const r = this.registration;
    if (!r) return nothing;
    const relay = this.azure?.data?.relay;
    const countText = listenerCountText(relay, this.language);
    const hint = sourceHint(relay, r.namespace, this.t);
    const rights = rightsText(this.azure?.data?.keyRights);
    return html`
      <p>
        <span class="count" part="count">${this.t("azureListeners", { count: countText })}</span>${countText === UNKNOWN
          ? html`<span class="visually-hidden"> (${this.t("azureUnknown")})</span>`
          : nothing}${relay ? html` <span class="muted">· ${this.t("azureOurs", { count: count(this.oursOnline ?? relay.ourListenersOnline, this.language) })}</span>` : nothing}
      </p>
      ${hint ? html`<p class="muted hint">${hint}</p>` : nothing}
      ${rights ? html`<p class="muted">${this.t("azureKeyRights", { rights })}</p>` : nothing}
      ${azureWarnings(relay, this.t).map(
        (w) => html`<div class="warning ${w.kind}" part="warning" data-kind=${w.kind}>
          <strong><span aria-hidden="true">⚠ </span>${w.title}</strong>
          <span>${w.text}</span>
        </div>`,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-azure-summary": AzureRelayAzureSummary;
  }
}
