/**
 * `<azure-relay-registration-list>` — the registrations, one `<azure-relay-registration-row>` each, as a list.
 *
 * Properties: `registrations` (RelayRegistration[]), `now` (Date), `language`, `busyId` (id of the row
 *   whose action is running, or null), `azure` (each row's Azure view by registration id).
 * Events: none of its own; the rows' events bubble through.
 * Slots: none. CSS custom properties: the shared ones (styles.ts).
 */
import { css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { base } from "../styles";
import type { RelayRegistration } from "../registrations-client";
import type { RowAzure } from "../azure/azure-store";
import { LocalisedElement } from "./localised-element";
import "./azure-relay-registration-row";

@customElement("azure-relay-registration-list")
export class AzureRelayRegistrationList extends LocalisedElement {
  static styles = [
    base,
    css`
      :host { display: block; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: calc(var(--_space) * 2); }
    `,
  ];

  @property({ attribute: false }) registrations: readonly RelayRegistration[] = [];
  @property({ attribute: false }) now = new Date();
  @property({ attribute: false }) busyId: string | null = null;
  @property({ attribute: false }) azure: ReadonlyMap<string, RowAzure> = new Map();

  render() {
    return html`<ul aria-label=${this.t("tableCaption")}>
      ${repeat(
        this.registrations,
        (r) => r.id,
        (r) => html`<li>
          <azure-relay-registration-row .registration=${r} .now=${this.now} .language=${this.language} ?busy=${this.busyId === r.id}
            .azure=${this.azure.get(r.id)}></azure-relay-registration-row>
        </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-registration-list": AzureRelayRegistrationList;
  }
}
