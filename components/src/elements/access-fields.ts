/**
 * Render helpers of the management-access form: a labelled input (or PEM textarea) with its hint and its
 * messages under it, tied together by `aria-describedby`, so each server error is read at its input.
 */
import { html, nothing } from "lit";
import type { AccessErrors, AccessField } from "../azure/management-input";

export interface FieldOptions {
  id: Exclude<AccessField, "form" | "kind">;
  label: string;
  errors: AccessErrors;
  hint?: string;
  /** Initial value (what is configured now); secrets never have one. */
  value?: string;
  /** Write-only: a password input, never pre-filled, wiped after every save and close. */
  secret?: boolean;
  /** Several lines (a PEM certificate). */
  multiline?: boolean;
  type?: "text" | "url";
}

export function accessErrorList(errors: AccessErrors, field: AccessField) {
  return html`<ul class="errors" id=${`${field}-errors`}>${(errors[field] ?? []).map((message) => html`<li>${message}</li>`)}</ul>`;
}

export function field(o: FieldOptions) {
  const invalid = o.errors[o.id]?.length ? "true" : "false";
  const describedBy = `${o.hint ? `${o.id}-hint ` : ""}${o.id}-errors`;
  const control = o.multiline
    ? html`<textarea id=${o.id} name=${o.id} rows="4" spellcheck="false" autocomplete="off" .defaultValue=${o.value ?? ""} aria-invalid=${invalid} aria-describedby=${describedBy}></textarea>`
    : html`<input id=${o.id} name=${o.id} type=${o.secret ? "password" : o.type ?? "text"} spellcheck="false" autocomplete=${o.secret ? "new-password" : "off"}
        .defaultValue=${o.secret ? "" : o.value ?? ""} aria-invalid=${invalid} aria-describedby=${describedBy} />`;
  return html`
    <label for=${o.id}>${o.label}</label>
    ${control}
    ${o.hint ? html`<p class="hint" id=${`${o.id}-hint`}>${o.hint}</p>` : nothing}
    ${accessErrorList(o.errors, o.id)}
  `;
}
