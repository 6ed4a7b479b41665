/**
 * `<azure-relay-registration-row>` — one registration: what it connects (namespace, hybrid connection,
 * key name + fingerprint, target), its live status and traffic, and its actions. The key itself is never
 * available to the browser; the fingerprint tells keys apart.
 *
 * Properties: `registration` (RelayRegistration, required), `now` (Date), `language`, `busy` (boolean:
 *   an action on this row is running), `azure` (RowAzure: the Azure column and the secure recommendation),
 *   `oursOnline` (number: this host's ONLINE listeners on the hybrid connection, from the live list).
 * Events: `azure-relay-edit-requested-v1`, `azure-relay-restart-requested-v1`,
 *   `azure-relay-remove-requested-v1` — detail `{ id }`; `azure-relay-secure-requested-v1` from its notice.
 * Slots: none. CSS parts: `card`.
 * CSS custom properties: the shared ones (styles.ts).
 */
import { css, html, nothing } from "lit";
import { property } from "lit/decorators.js";
import { bytes, trafficText } from "../format";
import { EVENTS, fire } from "../events";
import { base } from "../styles";
import type { RelayRegistration } from "../registrations-client";
import type { RowAzure } from "../azure/azure-store";
import { LocalisedElement } from "./localised-element";
import "./azure-relay-azure-summary";
import "./azure-relay-secure-notice";
import "./azure-relay-status-badge";
import { defineElement } from "./define-element";

@defineElement("azure-relay-registration-row")
export class AzureRelayRegistrationRow extends LocalisedElement {
  static styles = [
    base,
    css`
      :host { display: block; container-type: inline-size; }
      article { border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); padding: calc(var(--_space) * 2); }
      h3 { margin: 0 0 var(--_space); font-size: 1.1em; }
      dl { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: calc(var(--_space) * 0.5) calc(var(--_space) * 2); margin: 0 0 var(--_space); }
      dt { color: var(--_muted); }
      dd { margin: 0; overflow-wrap: anywhere; }
      code { font-family: ui-monospace, monospace; font-size: 0.95em; }
      button[aria-disabled="true"] { opacity: 0.6; cursor: progress; }
      .actions { display: flex; flex-wrap: wrap; gap: var(--_space); margin-top: calc(var(--_space) * 1.5); }
      /* Narrow: each label above its value. */
      @container (max-width: 30rem) {
        dl { grid-template-columns: minmax(0, 1fr); }
        dd { margin-bottom: var(--_space); }
      }
    `,
  ];

  @property({ attribute: false }) registration?: RelayRegistration;
  @property({ attribute: false }) now = new Date();
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) azure?: RowAzure;
  /** This host's ONLINE listeners on the same hybrid connection, from the live list (fresher than Azure's view). */
  @property({ attribute: false }) oursOnline?: number;

  render() {
    const r = this.registration;
    if (!r) return nothing;
    const headingId = `reg-${r.id}`;
    return html`
      <article part="card" aria-labelledby=${headingId}>
        <h3 id=${headingId} tabindex="-1">${r.name}</h3>
        <dl>
          <dt>${this.t("colStatus")}</dt>
          <dd><azure-relay-status-badge .status=${r.status} .now=${this.now} .language=${this.language} .registrationId=${r.id} ?busy=${this.busy}></azure-relay-status-badge></dd>
          <dt>${this.t("colNamespace")}</dt><dd><code>${r.namespace}</code></dd>
          <dt>${this.t("colHybrid")}</dt><dd><code>${r.hybridConnectionName}</code></dd>
          <dt>${this.t("colKey")}</dt><dd><code>${this.t("keyValue", { keyName: r.keyName, fingerprint: r.keyFingerprint })}</code></dd>
          <dt>${this.t("colTarget")}</dt><dd><code>${r.targetUrl}</code></dd>
          <dt>${this.t("colTraffic")}</dt>
          <dd class="traffic" title=${`↓ ${bytes(r.traffic.bytesIn, this.language)} ↑ ${bytes(r.traffic.bytesOut, this.language)}`}>
            ${trafficText(r.traffic, this.t, this.language)}
          </dd>
          <dt>${this.t("colAzure")}</dt>
          <dd><azure-relay-azure-summary .registration=${r} .azure=${this.azure} .oursOnline=${this.oursOnline} .language=${this.language}></azure-relay-azure-summary></dd>
        </dl>
        <azure-relay-secure-notice .registration=${r} .azure=${this.azure} .language=${this.language}></azure-relay-secure-notice>
        <div class="actions" role="group" aria-label=${`${this.t("colActions")}: ${r.name}`}>
          ${this.action("editButton", EVENTS.editRequested, "")}
          ${this.action("restartButton", EVENTS.restartRequested, "")}
          ${this.action("removeButton", EVENTS.removeRequested, "danger")}
        </div>
      </article>
    `;
  }

  /** A button whose accessible name includes the registration ("Edit ecs-core"), so rows are told apart. */
  private action(label: "editButton" | "restartButton" | "removeButton", event: typeof EVENTS.editRequested | typeof EVENTS.restartRequested | typeof EVENTS.removeRequested, cls: string) {
    const r = this.registration as RelayRegistration;
    // aria-disabled, not disabled: disabling the focused button would drop keyboard focus to the page.
    return html`<button type="button" class=${cls} aria-disabled=${this.busy ? "true" : "false"} @click=${() => this.busy || fire(this, event, { id: r.id })}>
      ${this.t(label)}<span class="visually-hidden"> ${r.name}</span>
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-registration-row": AzureRelayRegistrationRow;
  }
}
