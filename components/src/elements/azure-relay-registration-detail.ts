/**
 * `<azure-relay-registration-detail>` — the operations part of a registration's detail panel, below its card: target
 * health, the end-to-end probe, the last hour's traffic chart, the state history and the request journal with its
 * live tail. Loads its own data (detail-data.ts) for `registration.id`; a section whose API this host lacks is left
 * out, and a section whose load fails says so without hiding the others.
 *
 * Properties: `registration` (RelayRegistration: id, status), `now` (Date), `language`, `api` (DetailApi; default
 *   over the page's /graphql).
 * Events: none of its own (its sections' events are handled here and stop at this element).
 * Slots: none. CSS custom properties: the shared ones (styles.ts).
 */
import { css, html, nothing, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { createDetailClient } from "../detail/detail-client";
import type { DetailApi } from "../detail/detail-api";
import type { TimelineWindow } from "../detail/history-timeline";
import { EVENTS, type EventDetails } from "../events";
import { createHttpClient } from "../graphql-client";
import type { RelayRegistration } from "../registrations-client";
import { base } from "../styles";
import { defineElement } from "./define-element";
import { DetailData } from "./detail-data";
import { LocalisedElement } from "./localised-element";
import "./azure-relay-probe-panel";
import "./azure-relay-request-journal";
import "./azure-relay-state-timeline";
import "./azure-relay-target-health";
import "./azure-relay-traffic-chart";

type Detail<N extends keyof EventDetails> = CustomEvent<EventDetails[N]>;

@defineElement("azure-relay-registration-detail")
export class AzureRelayRegistrationDetail extends LocalisedElement {
  static styles = [
    base,
    css`
      :host { display: block; min-width: 0; }
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr)); gap: calc(var(--_space) * 2); margin-top: calc(var(--_space) * 2); }
      .wide { grid-column: 1 / -1; }
      section.traffic { border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); padding: calc(var(--_space) * 2); min-width: 0; }
      h3 { margin: 0 0 var(--_space); font-size: 1.05em; }
      .error { color: var(--_danger); }
    `,
  ];

  @property({ attribute: false }) registration?: Pick<RelayRegistration, "id" | "status">;
  @property({ attribute: false }) now = new Date();
  @property({ attribute: false }) api: DetailApi = createDetailClient(createHttpClient());
  @state() private window: TimelineWindow = "24h";

  private data = new DetailData(this, this.api, () => this.t);

  constructor() {
    super();
    this.addEventListener(EVENTS.journalFilterChanged, (e) => this.handled(e, () => this.data.setFilter((e as Detail<typeof EVENTS.journalFilterChanged>).detail.filter)));
    this.addEventListener(EVENTS.journalTailToggled, (e) => this.handled(e, () => this.data.setTail((e as Detail<typeof EVENTS.journalTailToggled>).detail.on)));
    this.addEventListener(EVENTS.replayRequested, (e) => this.handled(e, () => void this.data.replay((e as Detail<typeof EVENTS.replayRequested>).detail.requestId)));
    this.addEventListener(EVENTS.historyWindowChanged, (e) => this.handled(e, () => (this.window = (e as Detail<typeof EVENTS.historyWindowChanged>).detail.window)));
    this.addEventListener(EVENTS.probeRequested, (e) => this.handled(e, () => void this.data.probe()));
  }

  /** Section events are this element's business: handled here, not passed on to the page. */
  private handled(event: Event, action: () => void): void {
    event.stopPropagation();
    action();
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("api") && this.data.api !== this.api) {
      this.data.hostDisconnected();
      this.removeController(this.data);
      this.data = new DetailData(this, this.api, () => this.t);
    }
    const r = this.registration;
    const previous = changed.get("registration") as this["registration"] | undefined;
    if (this.data.id !== (r?.id ?? null)) this.data.show(r?.id ?? null);
    else if (r && previous && previous.status.since !== r.status.since) {
      // The state changed: the history has a new entry and the target health may say why.
      void this.data.refresh();
    }
  }

  render() {
    const r = this.registration;
    if (!r) return nothing;
    const d = this.data;
    const lang = this.language;
    return html`<div class="grid">
      <azure-relay-target-health .language=${lang} .now=${this.now} .settings=${d.health?.settings} .check=${d.health?.check} .targetUrl=${d.health?.targetUrl ?? ""}></azure-relay-target-health>
      ${d.api.probe
        ? html`<azure-relay-probe-panel .language=${lang} .now=${this.now} .registrationId=${r.id} .settings=${d.probeInfo?.settings}
            .result=${d.probeResult ?? d.probeInfo?.lastProbe} ?busy=${d.probing} ?canProbe=${d.canWrite} .error=${d.errors.probe ?? ""}></azure-relay-probe-panel>`
        : nothing}
      ${d.api.traffic
        ? html`<section class="traffic wide" aria-labelledby="traffic-title"><h3 id="traffic-title">${this.t("trafficTitle")}</h3>
            ${d.errors.traffic ? html`<p class="error" role="alert">${d.errors.traffic}</p>` : nothing}
            <azure-relay-traffic-chart .language=${lang} .points=${d.points}></azure-relay-traffic-chart></section>`
        : nothing}
      ${d.api.history
        ? html`<azure-relay-state-timeline class="wide" .language=${lang} .now=${this.now} .history=${d.history ?? undefined} .window=${this.window} .error=${d.errors.history ?? ""}></azure-relay-state-timeline>`
        : nothing}
      ${d.api.requests
        ? html`<azure-relay-request-journal class="wide" .language=${lang} .entries=${d.entries} .filter=${d.filter} ?tailing=${d.tailing} ?canReplay=${d.canWrite && !!d.api.replay}
            .replays=${d.replays} ?loading=${d.journalLoading} .error=${d.errors.journal ?? ""}></azure-relay-request-journal>`
        : nothing}
      ${d.errors.health ? html`<p class="error wide" role="alert">${d.errors.health}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-registration-detail": AzureRelayRegistrationDetail;
  }
}
