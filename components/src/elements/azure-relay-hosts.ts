/**
 * `<azure-relay-hosts>` — the *Hosts* section of a registration's detail: its listener on each host of the web farm
 * (state, since when, the last error in the tab's language), this host marked. The settings element shows it only
 * when the store is shared (a farm on Redis), even with one live host left: that is when the list matters. A caller
 * with write permission gets a *Restart* per host (`restartRelayListener(id, hostId)`); its outcome, or the server's
 * error by code (FARM_HOST_NOT_FOUND, FARM_HOST_NOT_ANSWERING …), is said below the table in the tab's language.
 *
 * Properties: `listeners` (HostListener[], sorted by host), `localHostId` (the host answering), `now` (Date, for
 * relative times), `language`, `registrationId`, `api` (restartOnHost), `canRestart` (the caller may write; default
 * false, so a reader never sees a button it may not use). Events: none. Slots: none.
 * CSS custom properties: the shared ones in styles.ts. CSS parts: `table`.
 */
import { css, html, nothing } from "lit";
import { property, state } from "lit/decorators.js";
import { dateTime, relativeTime, stateLabel, stateSymbol } from "../format";
import type { HostListener } from "../farm/farm-store";
import { GraphQLRequestError } from "../graphql-client";
import { relayErrorText } from "../i18n/server-messages";
import { generalErrorText, serverErrorText } from "../problems";
import type { RegistrationsClient } from "../registrations-client";
import { base } from "../styles";
import { defineElement } from "./define-element";
import { LocalisedElement } from "./localised-element";

/** The outcome of the last Restart, said below the table. */
interface RestartOutcome {
  hostId: string;
  ok: boolean;
  text: string;
}

@defineElement("azure-relay-hosts")
export class AzureRelayHosts extends LocalisedElement {
  static styles = [
    base,
    css`
      :host { display: block; margin-top: calc(var(--_space) * 3); }
      h3 { margin: 0 0 var(--_space); font-size: 1.1em; }
      p { margin: 0 0 var(--_space); color: var(--_muted); }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 0.3em 0.6em; border-bottom: 1px solid var(--_border); vertical-align: top; overflow-wrap: anywhere; }
      tr[data-state="ONLINE"] .state { color: var(--_success); }
      tr[data-state="UNAUTHORIZED"] .state, tr[data-state="NOT_FOUND"] .state, tr[data-state="FAILED"] .state { color: var(--_danger); }
      tr[data-state="CONNECTING"] .state, tr[data-state="RECONNECTING"] .state, tr[data-state="DEGRADED"] .state, tr[data-state="STOPPING"] .state { color: var(--_warning); }
      .me { color: var(--_muted); font-weight: normal; }
      p.outcome { margin-top: var(--_space); color: inherit; }
      p.outcome.ok { color: var(--_success); }
      p.outcome.failed { color: var(--_danger); }
      /* Narrow screens: each host a block of labelled lines, so nothing scrolls sideways. */
      @media (max-width: 600px) {
        thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        table, tbody, tr, th, td { display: block; width: auto; }
        tr { border-bottom: 1px solid var(--_border); padding: 0.4em 0; }
        th, td { border: 0; padding: 0.15em 0.3em; }
        td[data-label]::before { content: attr(data-label) ": "; color: var(--_muted); }
      }
    `,
  ];

  @property({ attribute: false }) listeners: readonly HostListener[] = [];
  @property({ attribute: false }) localHostId = "";
  @property({ attribute: false }) now = new Date();
  @property({ attribute: false }) registrationId = "";
  @property({ attribute: false }) api: Pick<RegistrationsClient, "restartOnHost"> | undefined;
  @property({ attribute: false }) canRestart = false;
  @state() private restarting: string | null = null;
  @state() private outcome: RestartOutcome | null = null;

  /** Another registration's detail: the last restart's outcome was about the previous one. */
  protected willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has("registrationId") && changed.get("registrationId") !== undefined) this.outcome = null;
  }

  render() {
    return html`
      <section aria-labelledby="hosts-title">
        <h3 id="hosts-title">${this.t("hostsTitle")}</h3>
        <p>${this.t("hostsIntro")}</p>
        ${this.listeners.length === 0 ? html`<p>${this.t("hostsNone")}</p>` : this.table()}
        <div role="status" aria-live="polite">${this.outcome?.ok ? this.outcomeLine(this.outcome) : nothing}</div>
        <div role="alert">${this.outcome && !this.outcome.ok ? this.outcomeLine(this.outcome) : nothing}</div>
      </section>
    `;
  }

  private table() {
    const actions = this.restartable();
    return html`<table part="table">
      <thead><tr><th scope="col">${this.t("hostColumn")}</th><th scope="col">${this.t("hostStateColumn")}</th><th scope="col">${this.t("hostSinceColumn")}</th><th scope="col">${this.t("hostErrorColumn")}</th>${actions ? html`<th scope="col">${this.t("hostActionsColumn")}</th>` : nothing}</tr></thead>
      <tbody>${this.listeners.map((l) => this.row(l, actions))}</tbody>
    </table>`;
  }

  private row(l: HostListener, actions: boolean) {
    const error = l.lastError ? relayErrorText({ ...l.lastError, advice: "" }, this.language).message : "";
    return html`<tr data-host=${l.hostId} data-state=${l.state}>
      <th scope="row">${l.hostId}${l.hostId === this.localHostId ? html` <span class="me">(${this.t("thisHost")})</span>` : nothing}</th>
      <td class="state" data-label=${this.t("hostStateColumn")}><span aria-hidden="true">${stateSymbol(l.state)} </span>${stateLabel(l.state, this.t)}</td>
      <td data-label=${this.t("hostSinceColumn")}><time datetime=${l.since} title=${dateTime(l.since, this.language)}>${relativeTime(l.since, this.now, this.language)}</time></td>
      <td data-label=${this.t("hostErrorColumn")}>${error || "—"}</td>
      ${actions
        ? html`<td><button type="button" aria-label=${this.t("hostRestartLabel", { host: l.hostId })} ?disabled=${this.restarting !== null}
            @click=${() => void this.restart(l.hostId)}>${this.t("hostRestartButton")}</button></td>`
        : nothing}
    </tr>`;
  }

  private outcomeLine(outcome: RestartOutcome) {
    return html`<p class="outcome ${outcome.ok ? "ok" : "failed"}" data-host=${outcome.hostId}><span aria-hidden="true">${outcome.ok ? "✓" : "✕"} </span>${outcome.text}</p>`;
  }

  private restartable(): boolean {
    return this.canRestart && this.api !== undefined && this.registrationId !== "";
  }

  /** One restart at a time; the result (or the server's error by code) replaces the previous one. */
  private async restart(hostId: string): Promise<void> {
    if (this.restarting !== null || !this.api) return;
    this.restarting = hostId;
    this.outcome = null;
    try {
      await this.api.restartOnHost(this.registrationId, hostId);
      this.outcome = { hostId, ok: true, text: this.t("hostRestarted", { host: hostId }) };
    } catch (error) {
      const message = error instanceof GraphQLRequestError && error.code !== "NETWORK" ? serverErrorText(error, this.t) : generalErrorText(error, this.t);
      this.outcome = { hostId, ok: false, text: this.t("hostRestartFailed", { host: hostId, message }) };
    } finally {
      this.restarting = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-hosts": AzureRelayHosts;
  }
}
