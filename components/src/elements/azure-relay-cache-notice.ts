/**
 * `<azure-relay-cache-notice>` — explains *Clear consumer website caches* and runs it (after confirmation)
 * through `clearConsumerWebsiteCaches`, then shows what was done.
 *
 * Properties: `api` (RegistrationsClient, required), `language`.
 * Events: `azure-relay-caches-cleared-v1` — detail `{ report }`.
 * Slots: none. CSS parts: `notice`.
 * CSS custom properties: the shared ones (styles.ts).
 */
import { css, html, nothing } from "lit";
import { property, query, state } from "lit/decorators.js";
import { EVENTS, fire } from "../events";
import { operationMessageText } from "../i18n/server-messages";
import { generalErrorText } from "../problems";
import type { RegistrationsClient } from "../registrations-client";
import { base, noticeStyles } from "../styles";
import type { ClearConsumerCachesReport } from "../registrations-client";
import type { AzureRelayConfirmDialog } from "./azure-relay-confirm-dialog";
import { LocalisedElement } from "./localised-element";
import "./azure-relay-confirm-dialog";
import { defineElement } from "./define-element";

@defineElement("azure-relay-cache-notice")
export class AzureRelayCacheNotice extends LocalisedElement {
  static styles = [
    base,
    noticeStyles,
    css`
      .report { margin-top: var(--_space); }
      .details { margin: 0; color: var(--_muted); }
    `,
  ];

  @property({ attribute: false }) api?: RegistrationsClient;
  @state() private running = false;
  @state() private report?: ClearConsumerCachesReport;
  @state() private error = "";
  @query("azure-relay-confirm-dialog") private confirm!: AzureRelayConfirmDialog;

  render() {
    return html`
      <section part="notice" aria-labelledby="cache-title">
        <h3 id="cache-title">${this.t("cacheTitle")}</h3>
        <p>${this.t("cacheBody")}</p>
        <button type="button" ?disabled=${this.running} @click=${this.run}>${this.t("cacheButton")}</button>
        <div class="report" role="status">
          ${this.report ? html`<p>${this.reportText(this.report)}</p>${this.reportDetails(this.report)}` : nothing}
          <p class="error">${this.error}</p>
        </div>
      </section>
      <azure-relay-confirm-dialog .language=${this.language}></azure-relay-confirm-dialog>
    `;
  }

  /** The server's summary (code + params) in the tab's language. */
  private reportText(report: ClearConsumerCachesReport): string {
    return operationMessageText(report.summary, this.language);
  }

  /** Each cache with the entries it lost, and each listener that was restarted: the server's lines, translated. */
  private reportDetails(report: ClearConsumerCachesReport) {
    return html`<ul class="details">${report.lines.map((line) => html`<li>${operationMessageText(line, this.language)}</li>`)}</ul>`;
  }

  private async run(): Promise<void> {
    if (!this.api || this.running) return;
    const confirmed = await this.confirm.ask({ title: this.t("cacheConfirmTitle"), body: this.t("cacheConfirmBody"), confirmLabel: this.t("cacheConfirm") });
    if (!confirmed) return;
    this.running = true;
    this.error = "";
    this.report = undefined;
    try {
      const report = await this.api.clearConsumerCaches();
      this.report = report;
      fire(this, EVENTS.cachesCleared, { report });
    } catch (error) {
      this.error = generalErrorText(error, this.t);
    } finally {
      this.running = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-cache-notice": AzureRelayCacheNotice;
  }
}
