/**
 * `<azure-relay-hosts>` — the *Hosts* section of a registration's detail: its listener on each host of the web farm
 * (state, since when, the last error in the tab's language), this host marked. The settings element shows it only
 * when the store is shared (a farm on Redis), even with one live host left: that is when the list matters.
 *
 * Properties: `listeners` (HostListener[], sorted by host), `localHostId` (the host answering), `now` (Date, for
 * relative times), `language`. Events: none. Slots: none.
 * CSS custom properties: the shared ones in styles.ts. CSS parts: `table`.
 */
import { css, html, nothing } from "lit";
import { property } from "lit/decorators.js";
import { dateTime, relativeTime, stateLabel, stateSymbol } from "../format";
import type { HostListener } from "../farm/farm-store";
import { relayErrorText } from "../i18n/server-messages";
import { base } from "../styles";
import { defineElement } from "./define-element";
import { LocalisedElement } from "./localised-element";

@defineElement("azure-relay-hosts")
export class AzureRelayHosts extends LocalisedElement {
  static styles = [
    base,
    css`
      :host { display: block; margin-top: calc(var(--_space) * 3); }
      h3 { margin: 0 0 var(--_space); font-size: 1.1em; }
      p { margin: 0 0 var(--_space); color: var(--_muted); }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 0.3em 0.6em; border-bottom: 1px solid var(--_border); vertical-align: top; }
      tr[data-state="ONLINE"] .state { color: var(--_success); }
      tr[data-state="UNAUTHORIZED"] .state, tr[data-state="NOT_FOUND"] .state, tr[data-state="FAILED"] .state { color: var(--_danger); }
      tr[data-state="CONNECTING"] .state, tr[data-state="RECONNECTING"] .state, tr[data-state="DEGRADED"] .state, tr[data-state="STOPPING"] .state { color: var(--_warning); }
      .me { color: var(--_muted); font-weight: normal; }
    `,
  ];

  @property({ attribute: false }) listeners: readonly HostListener[] = [];
  @property({ attribute: false }) localHostId = "";
  @property({ attribute: false }) now = new Date();

  render() {
    return html`
      <section aria-labelledby="hosts-title">
        <h3 id="hosts-title">${this.t("hostsTitle")}</h3>
        <p>${this.t("hostsIntro")}</p>
        ${this.listeners.length === 0 ? html`<p>${this.t("hostsNone")}</p>` : this.table()}
      </section>
    `;
  }

  private table() {
    return html`<div class="scroll"><table part="table">
      <thead><tr><th scope="col">${this.t("hostColumn")}</th><th scope="col">${this.t("hostStateColumn")}</th><th scope="col">${this.t("hostSinceColumn")}</th><th scope="col">${this.t("hostErrorColumn")}</th></tr></thead>
      <tbody>${this.listeners.map((l) => this.row(l))}</tbody>
    </table></div>`;
  }

  private row(l: HostListener) {
    const error = l.lastError ? relayErrorText({ ...l.lastError, advice: "" }, this.language).message : "";
    return html`<tr data-host=${l.hostId} data-state=${l.state}>
      <th scope="row">${l.hostId}${l.hostId === this.localHostId ? html` <span class="me">(${this.t("thisHost")})</span>` : nothing}</th>
      <td class="state"><span aria-hidden="true">${stateSymbol(l.state)} </span>${stateLabel(l.state, this.t)}</td>
      <td><time datetime=${l.since} title=${dateTime(l.since, this.language)}>${relativeTime(l.since, this.now, this.language)}</time></td>
      <td>${error || "—"}</td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-hosts": AzureRelayHosts;
  }
}
