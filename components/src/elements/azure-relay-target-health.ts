/**
 * `<azure-relay-target-health>` — how the plugin checks this registration's local target and what it found: healthy,
 * unhealthy (the registration is then DEGRADED, or its listener withdrawn from the relay) or not yet known; since
 * when, failures in a row, the last check's outcome; and the check's settings in one sentence.
 *
 * Properties: `settings` (TargetHealthSettings), `check` (TargetHealthCheck | null), `targetUrl`, `now` (Date), `language`.
 * Events: none. Slots: none. CSS custom properties: the shared ones (styles.ts).
 */
import { css, html, nothing } from "lit";
import { property } from "lit/decorators.js";
import type { TargetHealthCheck, TargetHealthSettings } from "../detail/detail-types";
import { count, dateTime, latency, relativeTime } from "../format";
import { base } from "../styles";
import { defineElement } from "./define-element";
import { detailSectionStyles } from "./detail-styles";
import { LocalisedElement } from "./localised-element";

@defineElement("azure-relay-target-health")
export class AzureRelayTargetHealth extends LocalisedElement {
  static styles = [
    base,
    detailSectionStyles,
    css`
      .state { font-weight: 600; }
      .withdrawn { padding: var(--_space); border-left: 3px solid var(--_warning); }
    `,
  ];

  @property({ attribute: false }) settings?: TargetHealthSettings;
  @property({ attribute: false }) check?: TargetHealthCheck | null;
  @property() targetUrl = "";
  @property({ attribute: false }) now = new Date();

  render() {
    const s = this.settings;
    return html`<section aria-labelledby="health-title">
      <h3 id="health-title">${this.t("healthTitle")}</h3>
      ${!s ? nothing : s.enabled ? this.checked(s) : html`<p class="muted">${this.t("healthOff")}</p>`}
    </section>`;
  }

  private checked(s: TargetHealthSettings) {
    const c = this.check;
    const lang = this.language;
    return html`
      <dl>
        <dt>${this.t("healthState")}</dt><dd>${this.stateText(c)}</dd>
        ${c ? html`<dt>${this.t("healthSince")}</dt><dd><time datetime=${c.since} title=${dateTime(c.since, lang)}>${relativeTime(c.since, this.now, lang)}</time></dd>` : nothing}
        ${c?.consecutiveFailures ? html`<dt>${this.t("healthFailures")}</dt><dd>${count(c.consecutiveFailures, lang)} / ${count(s.failures, lang)}</dd>` : nothing}
        ${c?.lastDetail ? html`<dt>${this.t("healthLast")}</dt><dd><code>${c.lastDetail}</code>${c.lastCheckedAt ? html` · <time datetime=${c.lastCheckedAt}>${relativeTime(c.lastCheckedAt, this.now, lang)}</time>` : nothing}</dd>` : nothing}
        <dt>${this.t("healthCheck")}</dt><dd>${this.t("healthSettings", {
          method: s.method, path: s.path, target: this.targetUrl, interval: latency(s.intervalMs, lang), timeout: latency(s.timeoutMs, lang), failures: s.failures, statuses: s.healthyStatuses,
        })}</dd>
        <dt>${this.t("healthWithdraw")}</dt><dd>${this.t(s.withdrawOnFailure ? "yes" : "no")}</dd>
      </dl>
      ${c?.withdrawn ? html`<p class="withdrawn" role="status">${this.t("healthWithdrawn")}</p>` : nothing}`;
  }

  private stateText(c: TargetHealthCheck | null | undefined) {
    switch (c?.state) {
      case "HEALTHY":
        return html`<span class="state ok"><span aria-hidden="true">● </span>${this.t("healthHealthy")}</span>`;
      case "UNHEALTHY":
        return html`<span class="state error"><span aria-hidden="true">✕ </span>${this.t("healthUnhealthy")}</span>`;
      default:
        return html`<span class="state muted"><span aria-hidden="true">○ </span>${this.t("healthUnknown")}</span>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-target-health": AzureRelayTargetHealth;
  }
}
