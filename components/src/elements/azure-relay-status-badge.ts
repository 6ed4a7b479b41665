/**
 * `<azure-relay-status-badge>` — a listener's state in words and colour, how long it has been so, and, when
 * the last attempt failed, the error and what to do about it. Colour is never the only signal: the state is
 * written out and carries a distinct symbol.
 *
 * Properties: `status` (RelayStatus, required), `now` (Date, for relative times), `language`.
 * Attributes (reflected, for host CSS and tests): `state` (ONLINE, RECONNECTING, …).
 * Events: none. Slots: none.
 * CSS custom properties: --azure-relay-color-success, --azure-relay-color-warning, --azure-relay-color-danger,
 *   --azure-relay-color-muted (plus the shared ones in styles.ts).
 * CSS parts: `badge`, `error`.
 */
import { css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { dateTime, relativeTime, stateLabel } from "../format";
import { base } from "../styles";
import type { RelayState, RelayStatus } from "../registrations-client";
import { LocalisedElement } from "./localised-element";

const SYMBOL: Record<RelayState, string> = {
  ONLINE: "●",
  DEGRADED: "◐",
  CONNECTING: "◌",
  RECONNECTING: "↻",
  STOPPING: "◌",
  DISABLED: "○",
  UNAUTHORIZED: "✕",
  NOT_FOUND: "✕",
  FAILED: "✕",
};

@customElement("azure-relay-status-badge")
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
    `,
  ];

  @property({ attribute: false }) status?: RelayStatus;
  @property({ attribute: false }) now = new Date();
  /** Mirrors `status.state` for styling; set by the element itself. */
  @property({ reflect: true }) state?: RelayState;

  protected willUpdate(): void {
    this.state = this.status?.state;
  }

  render() {
    const status = this.status;
    if (!status) return nothing;
    const since = relativeTime(status.since, this.now, this.language);
    return html`
      <span class="badge" part="badge"><span aria-hidden="true">${SYMBOL[status.state]}</span>${stateLabel(status.state, this.t)}</span>
      <span class="since"><time datetime=${status.since} title=${dateTime(status.since, this.language)}>${this.t("since", { time: since })}</time>${
        status.attempt ? html` · ${this.t("attempt", { attempt: status.attempt })}` : nothing
      }${status.nextRetryAt ? html` · ${this.t("nextRetry", { time: relativeTime(status.nextRetryAt, this.now, this.language) })}` : nothing}</span>
      ${status.lastError
        ? html`<div class="error" part="error">
            <p><strong>${this.t("lastError")}:</strong> ${status.lastError.message}</p>
            <p><strong>${this.t("advice")}:</strong> ${status.lastError.advice}</p>
          </div>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-status-badge": AzureRelayStatusBadge;
  }
}
