import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";

/**
 * `<azure-relay-settings>` — the *Settings > Azure Relay* tab (placeholder until the UI issue).
 *
 * Properties: `lang` (reflected attribute, default "en-GB").
 * Events: none yet. Slots: none. CSS custom properties: none yet.
 */
@customElement("azure-relay-settings")
export class AzureRelaySettings extends LitElement {
  static styles = css`
    :host { display: block; font-family: system-ui, sans-serif; }
  `;

  @property({ reflect: true }) lang = "en-GB";

  render() {
    return html`<h2>Azure Relay</h2><p>Loading…</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-settings": AzureRelaySettings;
  }
}
