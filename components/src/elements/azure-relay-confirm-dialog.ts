/**
 * `<azure-relay-confirm-dialog>` — asks before something that cannot be undone. `ask()` resolves true only
 * when the confirm button was chosen; Cancel, Escape or closing resolve false. The Cancel button has the
 * initial focus, so a stray Enter does not confirm.
 *
 * Properties: `language`.
 * Methods: `ask({ title, body, confirmLabel, danger? }): Promise<boolean>`.
 * Events: none (the promise answers). Slots: none.
 * CSS custom properties: the shared ones (styles.ts).
 */
import { html } from "lit";
import { query, state } from "lit/decorators.js";
import { base, dialogStyles } from "../styles";
import { LocalisedElement } from "./localised-element";
import { ModalFocus } from "./modal-focus";
import { defineElement } from "./define-element";

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  /** A destructive action: the confirm button is drawn in the danger colour. */
  danger?: boolean;
}

@defineElement("azure-relay-confirm-dialog")
export class AzureRelayConfirmDialog extends LocalisedElement {
  static styles = [base, dialogStyles];

  @state() private request: ConfirmRequest = { title: "", body: "", confirmLabel: "" };
  @query("dialog") private dialog!: HTMLDialogElement;
  @query("#cancel") private cancelButton!: HTMLButtonElement;
  private readonly focusReturn = new ModalFocus();
  private resolve?: (confirmed: boolean) => void;

  async ask(request: ConfirmRequest): Promise<boolean> {
    this.resolve?.(false);
    this.focusReturn.remember();
    this.request = request;
    await this.updateComplete;
    this.dialog.returnValue = "";
    this.dialog.showModal();
    this.cancelButton.focus();
    return new Promise((resolve) => (this.resolve = resolve));
  }

  render() {
    const r = this.request;
    return html`
      <dialog role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-body" @close=${this.onClose}>
        <form method="dialog">
          <h2 id="confirm-title">${r.title}</h2>
          <p id="confirm-body">${r.body}</p>
          <div class="actions">
            <button id="cancel" value="cancel">${this.t("cancel")}</button>
            <button class=${r.danger ? "primary danger" : "primary"} value="confirm">${r.confirmLabel}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  private onClose(): void {
    const confirmed = this.dialog.returnValue === "confirm";
    const resolve = this.resolve;
    this.resolve = undefined;
    this.focusReturn.restore();
    resolve?.(confirmed);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-confirm-dialog": AzureRelayConfirmDialog;
  }
}
