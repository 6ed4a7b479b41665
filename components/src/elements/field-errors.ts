/** Renders the messages for one input under it, with the id its `aria-describedby` points at. */
import { html } from "lit";
import type { FieldErrors, FormField } from "../problems";

export function errorList(errors: FieldErrors, field: FormField, id: string) {
  return html`<ul class="errors" id=${id}>${(errors[field] ?? []).map((message) => html`<li>${message}</li>`)}</ul>`;
}

export function invalid(errors: FieldErrors, field: FormField): "true" | "false" {
  return errors[field]?.length ? "true" : "false";
}
