/**
 * `<azure-relay-management-dialog>` — management access for one relay namespace: subscription, resource
 * group, namespace name, optional ARM endpoint and CA certificate (PEM, for the emulator), and the credential
 * (environment / client secret / managed identity / static token). Saving calls `setRelayManagementAccess`
 * with exactly the SDL's input; each server error is shown at its input (`credential.tenantId` at Tenant ID).
 * Secrets are write-only: never pre-filled, wiped from the DOM when the dialog closes (after a save too).
 *
 * Properties: `api` (AzureApi, required), `language`.
 * Methods: `show(namespace, access?)` — opens the dialog, pre-filled from the current access (no secrets).
 * Events: `azure-relay-management-access-changed-v1` — detail `{ namespace, access }` after a save.
 * Slots: none. CSS custom properties: the shared ones (styles.ts).
 */
import { css, html, nothing } from "lit";
import { property, query, state } from "lit/decorators.js";
import { credentialKindLabel } from "../azure/azure-format";
import type { AzureApi } from "../azure/azure-api";
import { CREDENTIAL_KINDS, type RelayCredentialKind, type RelayManagementAccess } from "../azure/azure-api";
import { asKind, DEFAULT_ARM_ENDPOINT, KIND_FIELDS, mapAccessError, toAccessInput, type AccessErrors } from "../azure/management-input";
import { EVENTS, fire } from "../events";
import { base, dialogStyles } from "../styles";
import { accessErrorList, field } from "./access-fields";
import { LocalisedElement } from "./localised-element";
import { ModalFocus } from "./modal-focus";
import { defineElement } from "./define-element";

@defineElement("azure-relay-management-dialog")
export class AzureRelayManagementDialog extends LocalisedElement {
  static styles = [
    base,
    dialogStyles,
    css`
      fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); margin: calc(var(--_space) * 2) 0 0; padding: var(--_space) calc(var(--_space) * 1.5); }
      legend { font-weight: 600; }
      .radio { display: flex; gap: var(--_space); align-items: center; font-weight: normal; margin: calc(var(--_space) * 0.5) 0; }
      .radio input { width: auto; }
      textarea { font-family: ui-monospace, monospace; font-size: 0.85em; }
      .namespace { font-family: ui-monospace, monospace; }
    `,
  ];

  @property({ attribute: false }) api?: AzureApi;

  @state() private namespace = "";
  @state() private access?: RelayManagementAccess;
  @state() private kind: RelayCredentialKind = "ENVIRONMENT";
  @state() private errors: AccessErrors = {};
  @state() private saving = false;
  @query("dialog") private dialog!: HTMLDialogElement;
  @query("form") private form!: HTMLFormElement;
  private readonly focusReturn = new ModalFocus();

  async show(namespace: string, access?: RelayManagementAccess): Promise<void> {
    this.focusReturn.remember();
    this.namespace = namespace;
    this.access = access;
    this.kind = access?.credentialKind ?? "ENVIRONMENT";
    this.errors = {};
    await this.updateComplete;
    this.form.reset(); // inputs take their defaults from the current access
    this.dialog.showModal();
    this.renderRoot.querySelector<HTMLInputElement>("#subscriptionId")?.focus();
  }

  render() {
    const a = this.access;
    const e = this.errors;
    return html`
      <dialog aria-labelledby="mgmt-title" @close=${this.onClose}>
        <form novalidate @submit=${this.onSubmit}>
          <h2 id="mgmt-title">${this.t("mgmtDialogTitle", { namespace: this.namespace })}</h2>
          ${field({ id: "subscriptionId", label: this.t("fieldSubscriptionId"), errors: e, value: a?.subscriptionId })}
          ${field({ id: "resourceGroup", label: this.t("fieldResourceGroup"), errors: e, value: a?.resourceGroup })}
          ${field({ id: "namespaceName", label: this.t("fieldNamespaceName"), hint: this.t("fieldNamespaceNameHint"), errors: e, value: a?.namespaceName })}
          ${field({ id: "endpoint", type: "url", label: this.t("fieldEndpoint"), hint: this.t("fieldEndpointHint"), errors: e, value: a && a.endpoint !== DEFAULT_ARM_ENDPOINT ? a.endpoint : "" })}
          ${field({ id: "caCertificate", multiline: true, label: this.t("fieldCaCertificate"), errors: e,
            hint: a?.trustsCustomCa ? `${this.t("fieldCaCertificateHint")} ${this.t("fieldCaKept")}` : this.t("fieldCaCertificateHint") })}
          ${this.credentialFields()}
          ${accessErrorList(e, "form")}
          <div class="actions">
            <button type="button" @click=${() => this.dialog.close()}>${this.t("cancel")}</button>
            <button type="submit" class="primary" ?disabled=${this.saving}>${this.saving ? this.t("saving") : this.t("mgmtSave")}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  private credentialFields() {
    const e = this.errors;
    const a = this.access?.credentialKind === this.kind ? this.access : undefined;
    const secretHint = a?.secretFingerprint ? `${this.t("secretHint")} ${this.t("secretStored", { fingerprint: a.secretFingerprint })}` : this.t("secretHint");
    const shown = KIND_FIELDS[this.kind];
    return html`
      <fieldset aria-describedby="kind-errors">
        <legend>${this.t("fieldKind")}</legend>
        ${CREDENTIAL_KINDS.map((kind) => html`<label class="radio"><input type="radio" name="kind" value=${kind} .checked=${kind === this.kind}
          @change=${() => (this.kind = kind)} />${credentialKindLabel(kind, this.t)}</label>`)}
        ${accessErrorList(e, "kind")}
        ${shown.includes("tenantId") ? field({ id: "tenantId", label: this.t("fieldTenantId"), errors: e, value: a?.tenantId ?? "" }) : nothing}
        ${shown.includes("clientId")
          ? field({ id: "clientId", label: this.t(this.kind === "MANAGED_IDENTITY" ? "fieldClientIdOptional" : "fieldClientId"), errors: e, value: a?.clientId ?? "" })
          : nothing}
        ${shown.includes("clientSecret") ? field({ id: "clientSecret", secret: true, label: this.t("fieldClientSecret"), hint: secretHint, errors: e }) : nothing}
        ${shown.includes("token") ? field({ id: "token", secret: true, label: this.t("fieldToken"), hint: secretHint, errors: e }) : nothing}
      </fieldset>
    `;
  }

  private values(): Record<string, string> {
    const values: Record<string, string> = {};
    new FormData(this.form).forEach((value, key) => (values[key] = String(value)));
    values.kind = asKind(values.kind);
    return values;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.api || this.saving) return;
    const namespace = this.namespace;
    this.saving = true;
    this.errors = {};
    try {
      const access = await this.api.setAccess(toAccessInput(namespace, this.values()));
      this.dialog.close();
      fire(this, EVENTS.managementAccessChanged, { namespace, access });
    } catch (error) {
      this.errors = mapAccessError(error, this.t);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } finally {
      this.saving = false;
    }
  }

  /** Closing by any route (save, Cancel, Escape) wipes the secrets and the messages. */
  private onClose(): void {
    for (const input of this.renderRoot.querySelectorAll<HTMLInputElement>('input[type="password"], textarea')) input.value = "";
    this.form.reset();
    this.errors = {};
    this.focusReturn.restore();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-management-dialog": AzureRelayManagementDialog;
  }
}
