/**
 * What `<azure-relay-add-dialog>` and `<azure-relay-edit-dialog>` share: the `api` property, their dialog,
 * form and connection-string field, focus returning to the opener, saving (each server error shown at its
 * input, focus on the first of them) and the Cancel / Save buttons. Not an element of its own.
 */
import { html } from "lit";
import { property, query, state } from "lit/decorators.js";
import type { MessageKey } from "../i18n";
import { hasErrors, mapServerError, type FieldErrors } from "../problems";
import type { RegistrationsClient } from "../registrations-client";
import type { RelayRegistration } from "../registrations-client";
import type { AzureRelayConnectionStringField } from "./azure-relay-connection-string-field";
import { LocalisedElement } from "./localised-element";
import { ModalFocus } from "./modal-focus";

export abstract class RegistrationDialog extends LocalisedElement {
  @property({ attribute: false }) api?: RegistrationsClient;

  @state() protected errors: FieldErrors = {};
  @state() protected saving = false;
  @query("dialog") protected dialog!: HTMLDialogElement;
  @query("form") protected form!: HTMLFormElement;
  @query("azure-relay-connection-string-field") protected csField!: AzureRelayConnectionStringField;
  protected readonly focusReturn = new ModalFocus();

  /** Cancel closes the dialog; Save submits the form (disabled, and saying so, while saving). */
  protected actions(saveLabel: MessageKey) {
    return html`<div class="actions">
      <button type="button" @click=${() => this.dialog.close()}>${this.t("cancel")}</button>
      <button type="submit" class="primary" ?disabled=${this.saving}>${this.saving ? this.t("saving") : this.t(saveLabel)}</button>
    </div>`;
  }

  /**
   * Runs `request`; on success closes the dialog and hands over the registration (to fire the element's
   * event), on failure shows the server's errors and moves focus to the first input with a message.
   */
  protected async save(request: () => Promise<RelayRegistration>, saved: (registration: RelayRegistration) => void): Promise<void> {
    this.saving = true;
    this.errors = {};
    try {
      const registration = await request();
      this.dialog.close();
      saved(registration);
    } catch (error) {
      this.errors = mapServerError(error, this.t);
      if (hasErrors(this.errors)) await this.focusFirstError();
    } finally {
      this.saving = false;
    }
  }

  /** Moves focus to the first input with a message, so a screen reader reads it (aria-describedby). */
  private async focusFirstError(): Promise<void> {
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>('input[aria-invalid="true"]');
    // The connection-string field shows its errors inside its own shadow root.
    (target ?? (this.errors.connectionString ? this.csField : null))?.focus();
  }
}
