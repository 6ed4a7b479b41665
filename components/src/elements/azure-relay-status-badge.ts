/**
 * `<azure-relay-status-badge>` — a listener's state in words and colour, how long it has been so, and, when
 * the last attempt failed, the error and what to do about it. Colour is never the only signal: the state is
 * written out and carries a distinct symbol.
 *
 * Properties: `status` (RelayStatus, required), `now` (Date, for relative times), `language`,
 *   `registrationId` (when set, a listener waiting for its next attempt gets a *Retry now* button in its advice),
 *   `busy` (an action on the registration is running: the button says so and does nothing).
 * Attributes (reflected, for host CSS and tests): `state` (ONLINE, RECONNECTING, …).
 * Events: `azure-relay-restart-requested-v1` `{ id }` from *Retry now*. Slots: none.
 * CSS custom properties: --azure-relay-color-success, --azure-relay-color-warning, --azure-relay-color-danger,
 *   --azure-relay-color-muted (plus the shared ones in styles.ts).
 * CSS parts: `badge`, `error`.
 */
import { css, html, nothing } from "lit";
import { property } from "lit/decorators.js";
import { dateTime, relativeTime, stateLabel, stateSymbol } from "../format";
import { EVENTS, fire } from "../events";
import { base } from "../styles";
import type { RelayState, RelayStatus } from "../registrations-client";
import { LocalisedElement } from "./localised-element";
import { defineElement } from "./define-element";
import { relayErrorText } from "../i18n/server-messages";

@defineElement("azure-relay-status-badge")
export class AzureRelayStatusBadge extends LocalisedElement {
  static styles = [
    base,
    css`
      :host { display: block; }
      .badge { display: inline-flex; gap: 0.4em; align-items: center; font-weight: 600; padding: 0.1em 0.6em; border-radius: 999px; border: 1px solid currentColor; }
      :host([state="ONLINE"]) .badge { color: var(--_success); }
      :host([state="DEGRADED"]) .badge, :host([state="CONNECTING"]) .badge, :host([state="RECONNECTING"]) .badge, :host([state="STOPPING"]) .badge { color: var(--_warning); }
      :host([state="UNAUTHORIZED"]) .badge, :host([state="NOT_FOUND"]) .badge, :host([state="FAILED"]) .badge { color: var(--_danger); }
      :host([state="DISABLED"]) .badge { color: var(--_muted); }
      .since { color: var(--_muted); margin-left: 0.5em; }
      .error { margin: 0.4em 0 0; padding: 0.4em 0.6em; border-left: 3px solid var(--_danger); background: color-mix(in srgb, var(--_danger) 6%, transparent); }
      .error p { margin: 0.2em 0; }
      .error button { margin-top: 0.4em; }
      button[aria-disabled="true"] { opacity: 0.6; cursor: progress; }
    `,
  ];

  @property({ attribute: false }) status?: RelayStatus;
  @property({ attribute: false }) now = new Date();
  @property({ attribute: false }) registrationId = "";
  @property({ type: Boolean }) busy = false;
  /** Mirrors `status.state` for styling; set by the element itself. */
  @property({ reflect: true }) state?: RelayState;

  protected willUpdate(): void {
    this.state = this.status?.state;
  }

  /** Skips the wait for the next attempt (the listener restarts at once), e.g. after the cause was fixed. */
  private retryButton() {
    // aria-disabled while busy, not disabled: disabling the focused button would drop keyboard focus to the page.
    return html`<button type="button" class="primary" aria-disabled=${this.busy ? "true" : "false"}
      @click=${() => this.busy || fire(this, EVENTS.restartRequested, { id: this.registrationId })}>${this.busy ? this.t("retrying") : this.t("retryNow")}</button>`;
  }

  private errorBlock(error: { message: string; advice: string }, canRetry: boolean) {
    return html`<div class="error" part="error">
      <p><strong>${this.t("lastError")}:</strong> ${error.message}</p>
      <p><strong>${this.t("advice")}:</strong> ${error.advice}</p>
      ${canRetry ? this.retryButton() : nothing}
    </div>`;
  }

  render() {
    const status = this.status;
    if (!status) return nothing;
    const since = relativeTime(status.since, this.now, this.language);
    return html`
      <span class="badge" part="badge"><span aria-hidden="true">${stateSymbol(status.state)}</span>${stateLabel(status.state, this.t)}</span>
      <span class="since"><time datetime=${status.since} title=${dateTime(status.since, this.language)}>${this.t("since", { time: since })}</time>${
        status.attempt ? html` · ${this.t("attempt", { attempt: status.attempt })}` : nothing
      }${status.nextRetryAt ? html` · ${this.t("nextRetry", { time: relativeTime(status.nextRetryAt, this.now, this.language) })}` : nothing}</span>
      ${status.lastError ? this.errorBlock(relayErrorText(status.lastError, this.language), !!(this.registrationId && status.nextRetryAt)) : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-status-badge": AzureRelayStatusBadge;
  }
}
