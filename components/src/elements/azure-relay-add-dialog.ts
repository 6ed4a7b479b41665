/**
 * `<azure-relay-add-dialog>` — *Add Relay Registration*: a modal dialog with the connection-string field
 * (checked while typing) and the optional name, hybrid connection and target URL. Saving calls
 * `addRelayRegistration`; each server error is shown at its input. Once saved the pasted string is wiped
 * from the DOM — from then on only the key name and fingerprint are shown.
 *
 * Properties: `api` (RegistrationsClient, required), `language`.
 * Methods: `show()` — opens the dialog (focus returns to the opener when it closes).
 * Events: `azure-relay/registration-added/v1` — detail `{ registration }`.
 * Slots: none. CSS custom properties: the shared ones (styles.ts).
 */
import { html } from "lit";
import { customElement } from "lit/decorators.js";
import { EVENTS, fire } from "../events";
import { base, dialogStyles } from "../styles";
import type { AddRelayRegistrationInput } from "../registrations-client";
import { errorList, invalid } from "./field-errors";
import { RegistrationDialog } from "./registration-dialog";
import "./azure-relay-connection-string-field";

@customElement("azure-relay-add-dialog")
export class AzureRelayAddDialog extends RegistrationDialog {
  static styles = [base, dialogStyles];

  async show(): Promise<void> {
    await this.updateComplete;
    this.focusReturn.remember();
    this.dialog.showModal();
    this.csField.focus();
  }

  render() {
    const e = this.errors;
    return html`
      <dialog aria-labelledby="add-title" @close=${this.onClose}>
        <form novalidate @submit=${this.onSubmit}>
          <h2 id="add-title">${this.t("addDialogTitle")}</h2>
          <azure-relay-connection-string-field required asksHybrid .api=${this.api} .language=${this.language}
            label=${this.t("connectionString")} hint=${this.t("connectionStringHelp")}
            .serverErrors=${e.connectionString ?? []}></azure-relay-connection-string-field>
          ${this.input("name", "nameLabel", "nameHint")}
          ${this.input("hybridConnectionName", "hybridLabel", "hybridHint")}
          ${this.input("targetUrl", "targetLabel", "targetHint", "url")}
          ${errorList(e, "form", "form-errors")}
          ${this.actions("saveAdd")}
        </form>
      </dialog>
    `;
  }

  private input(field: "name" | "hybridConnectionName" | "targetUrl", label: "nameLabel" | "hybridLabel" | "targetLabel", hint: "nameHint" | "hybridHint" | "targetHint", type = "text") {
    return html`
      <label for=${field}>${this.t(label)}</label>
      <input id=${field} name=${field} type=${type} autocomplete="off" spellcheck="false"
        aria-invalid=${invalid(this.errors, field)} aria-describedby=${`${field}-hint ${field}-errors`} />
      <p class="hint" id=${`${field}-hint`}>${this.t(hint)}</p>
      ${errorList(this.errors, field, `${field}-errors`)}
    `;
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
    if (input.connectionString === "") {
      this.errors = { connectionString: [this.t("connectionStringHelp")] };
      this.csField.focus();
      return;
    }
    await this.save(
      () => api.add(input),
      (registration) => fire(this, EVENTS.registrationAdded, { registration }),
    );
  }

  /** Closing by any route (save, Cancel, Escape) wipes the pasted string and the messages. */
  private onClose(): void {
    this.csField.clear();
    this.form.reset();
    this.errors = {};
    this.focusReturn.restore();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-add-dialog": AzureRelayAddDialog;
  }
}
