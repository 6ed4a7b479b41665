/**
 * `<azure-relay-empty-state>` — shown while there is no registration: where the Primary Connection String
 * is found in the Azure portal, in a few steps, and why a Listen-only policy beats RootManageSharedAccessKey.
 *
 * Properties: `language`.
 * Events: none. Slots: default — an optional action shown under the steps.
 * CSS parts: `box`. CSS custom properties: the shared ones (styles.ts).
 */
import { css, html } from "lit";

import { base } from "../styles";
import { LocalisedElement } from "./localised-element";
import { defineElement } from "./define-element";

@defineElement("azure-relay-empty-state")
export class AzureRelayEmptyState extends LocalisedElement {
  static styles = [
    base,
    css`
      :host { display: block; }
      section { border: 1px dashed var(--_border); border-radius: var(--_radius); background: var(--_surface); padding: calc(var(--_space) * 2) calc(var(--_space) * 3); }
      h3 { margin-top: 0; }
      ol { padding-left: 1.4em; }
      li { margin: calc(var(--_space) * 0.5) 0; }
      .recommend { border-left: 4px solid var(--_success); padding-left: var(--_space); }
    `,
  ];

  render() {
    return html`
      <section part="box" aria-labelledby="empty-title">
        <h3 id="empty-title">${this.t("emptyTitle")}</h3>
        <p>${this.t("emptyIntro")}</p>
        <ol>
          <li>${this.t("emptyStep1")}</li>
          <li>${this.t("emptyStep2")}</li>
          <li>${this.t("emptyStep3")}</li>
          <li>${this.t("emptyStep4")}</li>
        </ol>
        <p class="recommend">${this.t("emptyRecommend")}</p>
        <slot></slot>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-empty-state": AzureRelayEmptyState;
  }
}
