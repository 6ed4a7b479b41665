/**
 * `<azure-relay-edit-dialog>` — change a registration: rename, retarget, enable/disable, and rotate the key
 * by pasting a new connection string (same namespace and hybrid connection). Only changed fields are sent.
 * If the relay refuses the new key (RELAY_REFUSED) the message says so at the connection-string field and
 * the current key stays in use.
 *
 * Properties: `api` (RegistrationsClient, required), `language`.
 * Methods: `show(registration)` — opens the dialog for that registration.
 * Events: `azure-relay-registration-updated-v1` — detail `{ registration }`.
 * Slots: none. CSS custom properties: the shared ones (styles.ts).
 */
import { css, html, nothing } from "lit";
import { state } from "lit/decorators.js";
import { EVENTS, fire } from "../events";
import { base, dialogStyles } from "../styles";
import type { RelayRegistration, UpdateRelayRegistrationInput } from "../registrations-client";
import { errorList, invalid } from "./field-errors";
import { RegistrationDialog } from "./registration-dialog";
import "./azure-relay-connection-string-field";
import { defineElement } from "./define-element";

@defineElement("azure-relay-edit-dialog")
export class AzureRelayEditDialog extends RegistrationDialog {
  static styles = [base, dialogStyles, css`.check { display: flex; gap: var(--_space); align-items: center; font-weight: 600; margin-top: calc(var(--_space) * 2); } .check input { width: auto; }`];

  @state() private registration?: RelayRegistration;

  async show(registration: RelayRegistration): Promise<void> {
    this.focusReturn.remember();
    this.registration = registration;
    this.errors = {};
    await this.updateComplete;
    this.form.reset(); // inputs take their defaults (defaultValue/defaultChecked) from this registration
    this.dialog.showModal();
    this.renderRoot.querySelector<HTMLInputElement>("#name")?.focus();
  }

  render() {
    const r = this.registration;
    const e = this.errors;
    return html`
      <dialog aria-labelledby="edit-title" @close=${this.onClose}>
        ${r
          ? html`<form novalidate @submit=${this.onSubmit}>
              <h2 id="edit-title">${this.t("editDialogTitle", { name: r.name })}</h2>
              <label for="name">${this.t("colName")}</label>
              <input id="name" name="name" autocomplete="off" .defaultValue=${r.name} aria-invalid=${invalid(e, "name")} aria-describedby="name-errors" />
              ${errorList(e, "name", "name-errors")}
              <label for="targetUrl">${this.t("colTarget")}</label>
              <input id="targetUrl" name="targetUrl" type="url" autocomplete="off" spellcheck="false" .defaultValue=${r.targetUrl}
                aria-invalid=${invalid(e, "targetUrl")} aria-describedby="targetUrl-errors" />
              ${errorList(e, "targetUrl", "targetUrl-errors")}
              <label class="check"><input type="checkbox" name="enabled" .defaultChecked=${r.enabled} />${this.t("enabledLabel")}</label>
              <azure-relay-connection-string-field .api=${this.api} .language=${this.language} label=${this.t("rotateLabel")}
                hint=${this.t("rotateHint", { keyName: r.keyName, fingerprint: r.keyFingerprint })}
                .serverErrors=${e.connectionString ?? []}></azure-relay-connection-string-field>
              ${errorList(e, "form", "form-errors")}
              ${this.actions("saveEdit")}
            </form>`
          : nothing}
      </dialog>
    `;
  }

  /** Only what differs from the registration, so an unchanged field is never re-validated or re-applied. */
  private changes(r: RelayRegistration): UpdateRelayRegistrationInput {
    const data = new FormData(this.form);
    const input: UpdateRelayRegistrationInput = {};
    const name = String(data.get("name") ?? "").trim();
    const targetUrl = String(data.get("targetUrl") ?? "").trim();
    const enabled = data.get("enabled") !== null;
    if (name !== r.name) input.name = name;
    if (targetUrl !== r.targetUrl) input.targetUrl = targetUrl;
    if (enabled !== r.enabled) input.enabled = enabled;
    if (this.csField.value !== "") input.connectionString = this.csField.value;
    return input;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const r = this.registration;
    const api = this.api;
    if (!api || !r || this.saving) return;
    const input = this.changes(r);
    if (Object.keys(input).length === 0) return this.dialog.close();
    await this.save(
      () => api.update(r.id, input),
      (registration) => fire(this, EVENTS.registrationUpdated, { registration }),
    );
  }

  private onClose(): void {
    this.csField?.clear();
    this.errors = {};
    this.registration = undefined;
    this.focusReturn.restore();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-edit-dialog": AzureRelayEditDialog;
  }
}
