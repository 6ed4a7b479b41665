/**
 * `<azure-relay-management-panel>` — *Azure management access*: one entry per relay namespace of the
 * registrations (and any namespace with access configured), saying what is configured (never a secret, only
 * its fingerprint) with a *Management access* button that opens the form, and *Remove management access*
 * (after confirmation).
 *
 * Properties: `api` (AzureApi, required), `namespaces` (string[]), `access` (RelayManagementAccess[]), `language`.
 * Events: `azure-relay-management-access-changed-v1` — detail `{ namespace, access }` (`access` null after removal).
 * Slots: none. CSS parts: `panel`.
 * CSS custom properties: the shared ones (styles.ts).
 */
import { css, html, nothing } from "lit";
import { property, query, state } from "lit/decorators.js";
import { accessSummary } from "../azure/azure-format";
import type { AzureApi } from "../azure/azure-api";
import type { RelayManagementAccess } from "../azure/azure-api";
import { EVENTS, fire } from "../events";
import { generalErrorText } from "../problems";
import { base, noticeStyles } from "../styles";
import type { AzureRelayConfirmDialog } from "./azure-relay-confirm-dialog";
import type { AzureRelayManagementDialog } from "./azure-relay-management-dialog";
import { LocalisedElement } from "./localised-element";
import "./azure-relay-confirm-dialog";
import "./azure-relay-management-dialog";
import { defineElement } from "./define-element";

@defineElement("azure-relay-management-panel")
export class AzureRelayManagementPanel extends LocalisedElement {
  static styles = [
    base,
    noticeStyles,
    css`
      h4 { margin: 0 0 calc(var(--_space) * 0.5); font-family: ui-monospace, monospace; font-weight: 600; }
      ul.namespaces { list-style: none; margin: 0; padding: 0; display: grid; gap: calc(var(--_space) * 1.5); }
      ul.facts { margin: 0 0 var(--_space); padding-left: 1.2em; color: var(--_muted); }
      .buttons { display: flex; flex-wrap: wrap; gap: var(--_space); }
    `,
  ];

  @property({ attribute: false }) api?: AzureApi;
  @property({ attribute: false }) namespaces: readonly string[] = [];
  @property({ attribute: false }) access: readonly RelayManagementAccess[] = [];
  @state() private error = "";
  @query("azure-relay-management-dialog") private dialog!: AzureRelayManagementDialog;
  @query("azure-relay-confirm-dialog") private confirm!: AzureRelayConfirmDialog;

  render() {
    return html`
      <section part="panel" aria-labelledby="mgmt-panel-title">
        <h3 id="mgmt-panel-title">${this.t("mgmtTitle")}</h3>
        <p>${this.t("mgmtIntro")}</p>
        ${this.namespaces.length
          ? html`<ul class="namespaces">${this.namespaces.map((ns) => this.entry(ns, this.access.find((a) => a.namespace === ns)))}</ul>`
          : html`<p>${this.t("mgmtNone")}</p>`}
        <p class="error" role="alert">${this.error}</p>
      </section>
      <azure-relay-management-dialog .api=${this.api} .language=${this.language}></azure-relay-management-dialog>
      <azure-relay-confirm-dialog .language=${this.language}></azure-relay-confirm-dialog>
    `;
  }

  private entry(namespace: string, access: RelayManagementAccess | undefined) {
    return html`<li data-namespace=${namespace}>
      <h4>${namespace}</h4>
      ${access ? html`<ul class="facts">${accessSummary(access, this.t).map((line) => html`<li>${line}</li>`)}</ul>` : html`<p>${this.t("mgmtNotConfigured")}</p>`}
      <div class="buttons">
        <button type="button" @click=${() => void this.dialog.show(namespace, access)}>
          ${this.t("mgmtButton")}<span class="visually-hidden"> ${namespace}</span>
        </button>
        ${access
          ? html`<button type="button" class="danger" @click=${() => void this.removeAccess(namespace)}>
              ${this.t("mgmtRemove")}<span class="visually-hidden"> ${namespace}</span>
            </button>`
          : nothing}
      </div>
    </li>`;
  }

  private async removeAccess(namespace: string): Promise<void> {
    if (!this.api) return;
    const t = this.t;
    const confirmed = await this.confirm.ask({ title: t("mgmtRemoveTitle", { namespace }), body: t("mgmtRemoveBody"), confirmLabel: t("mgmtRemoveConfirm"), danger: true });
    if (!confirmed) return;
    try {
      await this.api.removeAccess(namespace);
      this.error = "";
      fire(this, EVENTS.managementAccessChanged, { namespace, access: null });
      // The Remove button goes away with the access (on the root's reload); its neighbour, which opens the
      // form again, stays.
      const entry = [...this.renderRoot.querySelectorAll<HTMLElement>("li[data-namespace]")].find((li) => li.dataset.namespace === namespace);
      entry?.querySelector<HTMLButtonElement>(".buttons button")?.focus();
    } catch (error) {
      this.error = generalErrorText(error, t);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-management-panel": AzureRelayManagementPanel;
  }
}
