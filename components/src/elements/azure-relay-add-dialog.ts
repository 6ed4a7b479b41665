/**
 * `<azure-relay-add-dialog>` — *Add Relay Registration*: a modal dialog with the connection-string field
 * (checked while typing) and the optional name, hybrid connection and target URL. When the string names no
 * hybrid connection (no EntityPath) the hybrid connection field becomes required and says so at once. Saving
 * calls `addRelayRegistration`; each error is shown once, at its input. Once saved the pasted string is wiped
 * from the DOM — from then on only the key name and fingerprint are shown — and focus is left to the tab
 * (which moves it to the new row) instead of returning to the opener.
 *
 * Properties: `api` (RegistrationsClient, required), `language`.
 * Methods: `show()` — opens the dialog (focus returns to the opener when it closes).
 * Events: `azure-relay-registration-added-v1` — detail `{ registration }`.
 * Slots: none. CSS custom properties: the shared ones (styles.ts).
 */
import { html } from "lit";
import { state } from "lit/decorators.js";
import { EVENTS, fire } from "../events";
import { base, dialogStyles } from "../styles";
import type { AddRelayRegistrationInput, ConnectionStringCheck } from "../registrations-client";
import { looksLikeConnectionString, type FieldErrors } from "../problems";
import { errorList, invalid } from "./field-errors";
import { RegistrationDialog } from "./registration-dialog";
import "./azure-relay-connection-string-field";
import { defineElement } from "./define-element";

@defineElement("azure-relay-add-dialog")
export class AzureRelayAddDialog extends RegistrationDialog {
  static styles = [base, dialogStyles];

  /** The checked string names no hybrid connection: the hybrid connection field is required. */
  @state() private needsHybrid = false;
  @state() private hybridEntered = false;

  async show(): Promise<void> {
    await this.updateComplete;
    this.focusReturn.remember();
    this.dialog.showModal();
    this.csField.focus();
  }

  /** The server's errors, plus "required" at the hybrid connection field while it is needed and empty. */
  private shownErrors(): FieldErrors {
    const e = this.errors;
    if (e.hybridConnectionName?.length || !this.needsHybrid || this.hybridEntered) return e;
    return { ...e, hybridConnectionName: [this.t("hybridRequired")] };
  }

  private onChecked(result: ConnectionStringCheck | null): void {
    this.needsHybrid = Boolean(result?.valid && !result.entityPath);
  }

  render() {
    const e = this.shownErrors();
    return html`
      <dialog aria-labelledby="add-title" @close=${this.onClose}>
        <form novalidate @submit=${this.onSubmit}>
          <h2 id="add-title">${this.t("addDialogTitle")}</h2>
          <azure-relay-connection-string-field required .api=${this.api} .language=${this.language} .onChecked=${(r: ConnectionStringCheck | null) => this.onChecked(r)}
            label=${this.t("connectionString")} hint=${this.t("connectionStringHelp")} @input=${this.onConnectionStringInput}
            .serverErrors=${e.connectionString ?? []}></azure-relay-connection-string-field>
          ${this.input(e, "name", "nameLabel", "nameHint")}
          ${this.input(e, "hybridConnectionName", this.needsHybrid ? "hybridLabelRequired" : "hybridLabel", "hybridHint")}
          ${this.input(e, "targetUrl", "targetLabel", "targetHint", "url")}
          ${errorList(e, "form", "form-errors")}
          ${this.actions("saveAdd")}
        </form>
      </dialog>
    `;
  }

  private input(
    errors: FieldErrors,
    field: "name" | "hybridConnectionName" | "targetUrl",
    label: "nameLabel" | "hybridLabel" | "hybridLabelRequired" | "targetLabel",
    hint: "nameHint" | "hybridHint" | "targetHint",
    type = "text",
  ) {
    const required = field === "hybridConnectionName" && this.needsHybrid;
    return html`
      <label for=${field}>${this.t(label)}</label>
      <input id=${field} name=${field} type=${type} autocomplete="off" spellcheck="false" ?required=${required}
        aria-invalid=${invalid(errors, field)} aria-describedby=${`${field}-hint ${field}-errors`} @input=${(e: Event) => this.onFieldInput(field, e)} />
      <p class="hint" id=${`${field}-hint`}>${this.t(hint)}</p>
      ${errorList(errors, field, `${field}-errors`)}
    `;
  }

  /** Typing in a field answers its message: the server's error there is dropped (it is about the old text). */
  private onFieldInput(field: "name" | "hybridConnectionName" | "targetUrl", event: Event): void {
    if (field === "hybridConnectionName") this.hybridEntered = (event.target as HTMLInputElement).value.trim() !== "";
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
  }

  private onConnectionStringInput(): void {
    if (this.errors.connectionString) this.errors = { ...this.errors, connectionString: undefined };
  }

  private readInput(): AddRelayRegistrationInput {
    const data = new FormData(this.form);
    const optional = (key: string) => {
      const value = String(data.get(key) ?? "").trim();
      return value === "" ? undefined : value;
    };
    return { connectionString: this.csField.value, name: optional("name"), hybridConnectionName: optional("hybridConnectionName"), targetUrl: optional("targetUrl") };
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api || this.saving) return;
    const input = this.readInput();
    if (input.connectionString === "" || !looksLikeConnectionString(input.connectionString)) {
      this.errors = { connectionString: [this.t(input.connectionString === "" ? "connectionStringHelp" : "notAConnectionString")] };
      this.csField.focus();
      return;
    }
    if (this.needsHybrid && !input.hybridConnectionName) {
      this.renderRoot.querySelector<HTMLInputElement>("#hybridConnectionName")?.focus();
      return;
    }
    await this.save(
      () => api.add(input),
      (registration) => {
        // The tab focuses the new row; focus must not jump back to the Add button when the dialog closes.
        this.focusReturn.forget();
        fire(this, EVENTS.registrationAdded, { registration });
      },
    );
  }

  /** Closing by any route (save, Cancel, Escape) wipes the pasted string and the messages. */
  private onClose(): void {
    this.csField.clear();
    this.form.reset();
    this.errors = {};
    this.needsHybrid = false;
    this.hybridEntered = false;
    this.focusReturn.restore();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-add-dialog": AzureRelayAddDialog;
  }
}
