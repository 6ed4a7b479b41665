/**
 * `<azure-relay-connection-string-field>` — the labelled textarea an admin pastes a Primary Connection
 * String into. While they type (debounced) the string is checked with `checkRelayConnectionString`; each
 * problem is listed under the field, labelled with the part it concerns; text that is not a connection string
 * at all gets one message saying so. Server errors given through `serverErrors` replace the check's messages
 * (they are newer, and usually the same problems: each is shown once). A string that checks out is said so
 * with a tick, in the success colour. The text is masked like a password (it holds a key) until the
 * admin ticks "Show what I pasted". The value is never bound into the template (Lit would keep a copy);
 * `clear()` wipes it from the DOM.
 *
 * Properties: `label` (string), `hint` (string), `api` (RegistrationsClient, for the check), `serverErrors`
 *   (string[]), `required` (boolean), `onChecked` (called with each check's result, or null when the text is
 *   empty or no connection string — e.g. to ask for a hybrid connection when it has no EntityPath), `language`.
 *   Read-only: `value`.
 * Events: `input` (composed, from the textarea).
 * Slots: none. CSS custom properties: the shared ones (styles.ts).
 */
import { css, html } from "lit";
import { property, query, state } from "lit/decorators.js";
import { debounce } from "../debounce";
import type { RegistrationsClient } from "../registrations-client";
import { generalErrorText, looksLikeConnectionString, mapCheckProblems } from "../problems";
import { base } from "../styles";
import type { ConnectionStringCheck } from "../registrations-client";
import { LocalisedElement } from "./localised-element";
import { defineElement } from "./define-element";

/** Wait after the last keystroke before checking: long enough not to check every character. */
const CHECK_DELAY_MS = 350;

@defineElement("azure-relay-connection-string-field")
export class AzureRelayConnectionStringField extends LocalisedElement {
  static styles = [
    base,
    css`
      /* Masked like a password; -webkit-text-security is honoured by Chromium, Safari and Firefox. */
      textarea.masked { -webkit-text-security: disc; }
      .show { display: inline-flex; gap: 0.4em; align-items: center; font-weight: normal; margin: calc(var(--_space) * 0.5) 0 0; }
      .show input { width: auto; }
      .ok { color: var(--_success); font-weight: 600; border-left: 4px solid var(--_success); padding-left: var(--_space); background: color-mix(in srgb, var(--_success) 8%, transparent); }
    `,
  ];
  static shadowRootOptions = { ...LocalisedElement.shadowRootOptions, delegatesFocus: true };

  @property() label = "";
  @property() hint = "";
  @property({ attribute: false }) api?: RegistrationsClient;
  @property({ attribute: false }) serverErrors: readonly string[] = [];
  @property({ type: Boolean }) required = false;
  @property({ attribute: false }) onChecked?: (result: ConnectionStringCheck | null) => void;

  @state() private checkErrors: string[] = [];
  @state() private checkOk = "";
  @state() private checking = false;
  @state() private revealed = false;
  @query("textarea") private textarea!: HTMLTextAreaElement;

  /** Drops answers to checks of text that has since changed. */
  private sequence = 0;
  private readonly scheduleCheck = debounce(() => void this.check(), CHECK_DELAY_MS);

  get value(): string {
    return this.textarea?.value.trim() ?? "";
  }

  /** Empties the field and forgets every check (after saving or cancelling). */
  clear(): void {
    this.scheduleCheck.cancel();
    this.sequence += 1;
    if (this.textarea) this.textarea.value = "";
    this.checkErrors = [];
    this.checkOk = "";
    this.checking = false;
    this.revealed = false;
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.scheduleCheck.cancel();
  }

  render() {
    const errors = [...new Set(this.serverErrors.length ? this.serverErrors : this.checkErrors)];
    return html`
      <label for="cs">${this.label}</label>
      <textarea id="cs" name="connectionString" rows="3" class=${this.revealed ? "" : "masked"} autocomplete="off" spellcheck="false" autocapitalize="off"
        ?required=${this.required} aria-invalid=${errors.length ? "true" : "false"} aria-describedby="cs-hint cs-check cs-errors"
        @input=${this.onInput}></textarea>
      <label class="show"><input type="checkbox" .checked=${this.revealed} @change=${(e: Event) => (this.revealed = (e.target as HTMLInputElement).checked)} />${this.t("showConnectionString")}</label>
      <p class="hint" id="cs-hint">${this.hint}</p>
      <p class=${this.checkOk && !this.checking ? "hint ok" : "hint"} id="cs-check" aria-live="polite">${this.checking
        ? this.t("checking")
        : this.checkOk ? html`<span aria-hidden="true">✓ </span>${this.checkOk}` : ""}</p>
      <ul class="errors" id="cs-errors">${errors.map((e) => html`<li>${e}</li>`)}</ul>
    `;
  }

  private onInput(): void {
    this.checkOk = "";
    this.sequence += 1;
    if (this.value === "") {
      this.scheduleCheck.cancel();
      this.checkErrors = [];
      this.onChecked?.(null);
      return;
    }
    this.scheduleCheck();
  }

  private okText(result: ConnectionStringCheck): string {
    return this.t("checkOk", { keyName: result.keyName ?? "", fingerprint: result.keyFingerprint ?? "", namespace: result.namespace ?? "" });
  }

  private async check(): Promise<void> {
    const text = this.value;
    if (!this.api || text === "") return;
    const mine = ++this.sequence;
    if (!looksLikeConnectionString(text)) {
      this.checkErrors = [this.t("notAConnectionString")];
      this.checkOk = "";
      this.onChecked?.(null);
      return;
    }
    this.checking = true;
    try {
      const result = await this.api.check(text);
      if (mine !== this.sequence) return;
      this.checkErrors = mapCheckProblems(result.problems, this.t).connectionString ?? [];
      this.checkOk = result.valid ? this.okText(result) : "";
      this.onChecked?.(result);
    } catch (error) {
      if (mine === this.sequence) this.checkErrors = [generalErrorText(error, this.t)];
    } finally {
      if (mine === this.sequence) this.checking = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-connection-string-field": AzureRelayConnectionStringField;
  }
}
