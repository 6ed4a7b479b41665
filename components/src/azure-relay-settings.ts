/**
 * `<azure-relay-settings>` — the *Settings > Azure Relay* tab: an overview of the registrations (summary line,
 * filters, a table with live status and traffic, failing first) and a detail panel per registration at its own
 * URL (`?registration=<id>`: status with advice and *Retry now*, key, traffic, what Azure sees, edit / restart /
 * remove, *Secure this registration*, and in a web farm the listener on each host; then target health, the end-to-end
 * probe, the last hour's chart, the state history and the request journal with live tail —
 * `<azure-relay-registration-detail>`); *Add Relay Registration*, Azure management access per namespace, and
 * *Clear consumer website caches*. A farm warning (Redis unreachable or reset) shows once, above everything.
 * Talks to `/graphql` on the same origin with the session cookie; no inline script, so it runs under a
 * strict CSP.
 *
 * Attributes / properties: `lang` — `en-GB` (default) or `de-DE`; when absent, `<html lang>` decides.
 * Events (all bubble out of the element, composed):
 *   `azure-relay-registration-added-v1` `{ registration }`, `azure-relay-registration-updated-v1`
 *   `{ registration }`, `azure-relay-registration-removed-v1` `{ id, name }`,
 *   `azure-relay-caches-cleared-v1` `{ report }`, `azure-relay-registration-secured-v1` `{ report }`,
 *   `azure-relay-management-access-changed-v1` `{ namespace, access }`.
 * Slots: none.
 * CSS custom properties: --azure-relay-font, --azure-relay-color-primary, --azure-relay-color-on-primary,
 *   --azure-relay-color-text, --azure-relay-color-muted, --azure-relay-color-surface,
 *   --azure-relay-color-border, --azure-relay-color-danger, --azure-relay-color-success,
 *   --azure-relay-color-warning, --azure-relay-space, --azure-relay-radius (defaults in styles.ts).
 */
import { css, html, LitElement, nothing } from "lit";
import { property, query, state } from "lit/decorators.js";
import { EVENTS, fire, type EventDetails } from "./events";
import { stateLabel } from "./format";
import { createHttpClient } from "./graphql-client";
import { pickLanguage, translator, type Language } from "./i18n";
import { generalErrorText } from "./problems";
import { RegistrationsClient } from "./registrations-client";
import { base } from "./styles";
import type { AzureRelayAddDialog } from "./elements/azure-relay-add-dialog";
import type { AzureRelayConfirmDialog } from "./elements/azure-relay-confirm-dialog";
import type { AzureRelayEditDialog } from "./elements/azure-relay-edit-dialog";
import { Announcer } from "./elements/announcer";
import { LiveRegistrations } from "./elements/live-registrations";
import { FarmView } from "./elements/farm-view";
import { farmSource } from "./farm/farm-store";
import { relayErrorText } from "./i18n/server-messages";
import "./elements/azure-relay-hosts";
import { AzureView } from "./elements/azure-view";
import "./elements/azure-relay-add-dialog";
import "./elements/azure-relay-cache-notice";
import "./elements/azure-relay-confirm-dialog";
import "./elements/azure-relay-edit-dialog";
import "./elements/azure-relay-empty-state";
import "./elements/azure-relay-overview";
import "./elements/azure-relay-registration-row";
import "./elements/azure-relay-registration-detail";
import type { AzureRelayOverview } from "./elements/azure-relay-overview";
import { detailHref } from "./overview/detail-route";
import { DetailNavigation } from "./elements/detail-navigation";
import { RequestRates } from "./overview/request-rate";
import type { RelayRegistration } from "./registrations-client";
import "./elements/azure-relay-management-panel";
import { defineElement } from "./elements/define-element";

type IdEvent = CustomEvent<{ id: string }>;

@defineElement("azure-relay-settings")
export class AzureRelaySettings extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; max-width: 80rem; min-width: 0; overflow-wrap: anywhere; }
      header { display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 2); align-items: flex-start; justify-content: space-between; margin-bottom: calc(var(--_space) * 2); }
      h2 { margin: 0 0 var(--_space); }
      header p { margin: 0; max-width: 44rem; }
      .banner { padding: var(--_space) calc(var(--_space) * 2); border-radius: var(--_radius); border: 1px solid var(--_danger); color: var(--_danger); background: var(--_surface); }
      .banner.info { border-color: var(--_warning); color: var(--_warning); }
      .banner.success { border-color: var(--_success); color: var(--_success); display: flex; gap: var(--_space); align-items: center; justify-content: space-between; }
      .banner.success button { border-color: var(--_success); color: var(--_success); padding: 0 var(--_space); }
      .back { display: inline-block; margin-bottom: var(--_space); color: var(--_primary); }
      azure-relay-cache-notice, azure-relay-management-panel { margin-top: calc(var(--_space) * 3); }
      #farm-warning { margin-bottom: calc(var(--_space) * 2); }
    `,
  ];

  /** `en-GB` or `de-DE` (any `de…` tag picks German). Empty: the document's language. */
  @property() lang = "";

  @state() private error = "";
  @state() private busyId: string | null = null;
  /** The row just added: highlighted in the table. */
  @state() private highlightId: string | null = null;
  /** A visible confirmation (after adding), until dismissed or replaced. */
  @state() private confirmation = "";
  @query("azure-relay-overview") private overview?: AzureRelayOverview;
  @query("azure-relay-add-dialog") private addDialog!: AzureRelayAddDialog;
  @query("azure-relay-edit-dialog") private editDialog!: AzureRelayEditDialog;
  @query("azure-relay-confirm-dialog") private confirmDialog!: AzureRelayConfirmDialog;
  @query("#add") private addButton!: HTMLButtonElement;

  private readonly announcer = new Announcer(this);
  private readonly api = new RegistrationsClient(createHttpClient());
  private readonly rates = new RequestRates();
  /** The registration whose detail panel is open (`?registration=`), or null for the overview. */
  private readonly detail = new DetailNavigation(this);
  private readonly live = new LiveRegistrations(this, this.api, {
    onRefreshed: (registrations) => this.sampleRates(registrations),
    onStateChange: (change) => this.announce(this.t("announceState", { name: change.name, state: stateLabel(change.state, this.t) })),
    onError: (error) => (this.error = error === undefined ? "" : generalErrorText(error, this.t)),
    onStatusEvent: (event) => {
      this.farm.onEvent(event);
      return this.farm.store.isLocal(event);
    },
  });
  /** The web farm: which host answers, the farm warning, each registration's listener per host. */
  private readonly farm = new FarmView(this, farmSource(createHttpClient()));

  /** The Azure column, the secure recommendation and management access (a second, slower refresh). */
  private readonly azure = new AzureView(this, createHttpClient(), ({ id, kind }) => {
    const r = this.find(id);
    if (r) this.announce(this.t("announceSuspicion", { name: r.name, warning: this.t(kind === "halfOpen" ? "azureHalfOpenTitle" : "azureForeignTitle") }));
  });

  constructor() {
    super();
    this.addEventListener(EVENTS.secureRequested, (e) => void this.secureRegistration((e as IdEvent).detail.id));
    this.addEventListener(EVENTS.managementAccessChanged, (e) => {
      const { namespace, access } = (e as CustomEvent<EventDetails[typeof EVENTS.managementAccessChanged]>).detail;
      this.announce(this.t(access ? "announceAccessSaved" : "announceAccessRemoved", { namespace }));
      void this.azure.reload();
    });
    this.addEventListener(EVENTS.registrationAdded, (e) => this.onSaved(e.detail.registration, "announceAdded"));
    this.addEventListener(EVENTS.registrationUpdated, (e) => this.onSaved(e.detail.registration, "announceUpdated"));
    this.addEventListener(EVENTS.editRequested, (e) => this.editRegistration((e as IdEvent).detail.id));
    this.addEventListener(EVENTS.removeRequested, (e) => void this.removeRegistration((e as IdEvent).detail.id));
    this.addEventListener(EVENTS.restartRequested, (e) => void this.restartListener((e as IdEvent).detail.id));
    this.addEventListener(EVENTS.detailRequested, (e) => this.showDetail((e as IdEvent).detail.id));
  }


  get language(): Language {
    return pickLanguage(this.lang || document.documentElement.lang);
  }

  private get t() {
    return translator(this.language);
  }

  render() {
    const { store } = this.live;
    const azure = this.azure.store;
    const language = this.language;
    return html`
      <header>
        <div><h2>${this.t("title")}</h2><p>${this.t("intro")}</p></div>
        <button id="add" type="button" class="primary" @click=${() => void this.addDialog.show()}>${this.t("addButton")}</button>
      </header>
      ${this.error ? html`<p class="banner" role="alert">${this.error}</p>` : nothing}
      ${this.live.interrupted ? html`<p class="banner info" role="status">${this.t("liveReconnecting")}</p>` : nothing}
      ${this.farmWarning()}
      ${this.confirmation
        ? html`<div class="banner success" id="confirmation"><span><span aria-hidden="true">✓ </span>${this.confirmation}</span>
            <button type="button" @click=${() => (this.confirmation = "")}>${this.t("dismiss")}</button></div>`
        : nothing}
      ${!store.loaded ? html`<p>${this.t("loading")}</p>` : store.registrations.length ? this.registrationsView() : html`<azure-relay-empty-state .language=${language}></azure-relay-empty-state>`}
      <azure-relay-management-panel .api=${this.azure.api} .language=${language} .access=${azure.access}
        .namespaces=${azure.namespaces(store.registrations.map((r) => r.namespace))}></azure-relay-management-panel>
      <azure-relay-cache-notice .api=${this.api} .language=${language}></azure-relay-cache-notice>
      <div class="visually-hidden" role="status" aria-live="polite" id="announcer">${this.announcer.text}</div>
      <azure-relay-add-dialog .api=${this.api} .language=${language}></azure-relay-add-dialog>
      <azure-relay-edit-dialog .api=${this.api} .language=${language}></azure-relay-edit-dialog>
      <azure-relay-confirm-dialog .language=${language}></azure-relay-confirm-dialog>
    `;
  }

  /** The overview, kept (hidden) while a detail panel is open so its filters survive the round trip. */
  private registrationsView() {
    const { store, now } = this.live;
    const detail = this.detail.id === null ? undefined : this.find(this.detail.id);
    return html`
      <azure-relay-overview ?hidden=${this.detail.id !== null} .registrations=${store.registrations} .now=${now} .language=${this.language}
        .rates=${this.rates} .highlightId=${this.highlightId}></azure-relay-overview>
      ${this.detail.id === null
        ? nothing
        : html`<section id="detail" aria-label=${this.t("detailLabel")} @keydown=${(e: KeyboardEvent) => e.key === "Escape" && void this.closeDetail(e)}>
            <a class="back" href=${detailHref(null)} @click=${(e: Event) => this.closeDetail(e)}><span aria-hidden="true">← </span>${this.t("backToOverview")}</a>
            ${detail
              ? html`<azure-relay-registration-row .registration=${detail} .now=${now} .language=${this.language} ?busy=${this.busyId === detail.id}
                  .azure=${this.azure.store.row(detail.id)} .oursOnline=${this.oursOnline(detail)}></azure-relay-registration-row>`
              : html`<p class="banner" role="alert">${this.t("detailMissing")}</p>`}
            ${detail && this.farm.store.farm?.shared
              ? html`<azure-relay-hosts .listeners=${this.farm.store.listenersOf(detail.id)} .localHostId=${this.farm.store.farm.hostId} .now=${now} .language=${this.language}
                  .registrationId=${detail.id} .api=${this.api} .canRestart=${this.farm.store.farm.canWrite}></azure-relay-hosts>`
              : nothing}
            ${detail ? html`<azure-relay-registration-detail .registration=${detail} .now=${now} .language=${this.language}></azure-relay-registration-detail>` : nothing}
          </section>`}
    `;
  }

  /** The farm warning, once per page (the same for every registration), in the tab's language. */
  private farmWarning() {
    const warning = this.farm.store.farm?.warning;
    if (!warning) return nothing;
    const text = relayErrorText(warning, this.language);
    return html`<div class="banner info" role="status" id="farm-warning" data-code=${warning.code}>
      <strong>${this.t("farmWarningTitle")}:</strong> ${text.message}<br />${text.advice}
    </div>`;
  }

  /** This host's ONLINE listeners on `r`'s hybrid connection, from the live list (status events keep it current). */
  private oursOnline(r: RelayRegistration): number {
    const same = (o: RelayRegistration) => o.namespace.toLowerCase() === r.namespace.toLowerCase() && o.hybridConnectionName.toLowerCase() === r.hybridConnectionName.toLowerCase();
    return this.live.store.registrations.filter((o) => same(o) && o.status.state === "ONLINE").length;
  }

  private sampleRates(registrations: readonly RelayRegistration[]): void {
    const at = Date.now();
    for (const r of registrations) this.rates.sample(r.id, r.traffic.requests, at);
    this.rates.keepOnly(new Set(registrations.map((r) => r.id)));
  }

  private async showDetail(id: string): Promise<void> {
    this.detail.open(id);
    await this.updateComplete;
    const row = this.renderRoot.querySelector("azure-relay-registration-row");
    await row?.updateComplete;
    row?.shadowRoot?.querySelector<HTMLElement>("h3")?.focus();
  }

  private async closeDetail(event?: Event): Promise<void> {
    event?.preventDefault();
    const id = this.detail.close();
    await this.updateComplete;
    if (id !== null && this.find(id)) await this.overview?.focusRow(id);
    else this.addButton.focus();
  }

  private announce(text: string): void {
    this.announcer.announce(text);
  }

  private onSaved(registration: RelayRegistration, key: "announceAdded" | "announceUpdated"): void {
    this.live.store.upsert(registration);
    this.announce(this.t(key, { name: registration.name }));
    void this.azure.reload();
    if (key === "announceAdded") void this.revealAdded(registration);
  }

  /** After adding: the overview, with the new row highlighted and focused, and a confirmation that stays visible. */
  private async revealAdded(registration: RelayRegistration): Promise<void> {
    this.highlightId = registration.id;
    this.confirmation = this.t("announceAdded", { name: registration.name });
    this.detail.close();
    await this.updateComplete;
    await this.overview?.focusRow(registration.id);
  }

  private find(id: string) {
    return this.live.store.registrations.find((r) => r.id === id);
  }

  private editRegistration(id: string): void {
    const registration = this.find(id);
    if (registration) void this.editDialog.show(registration);
  }

  private async removeRegistration(id: string): Promise<void> {
    const r = this.find(id);
    if (!r) return;
    const t = this.t;
    const confirmed = await this.confirmDialog.ask({ title: t("removeTitle", { name: r.name }), body: t("removeBody", { hybrid: r.hybridConnectionName }), confirmLabel: t("removeConfirm"), danger: true });
    if (!confirmed) return;
    await this.busy(id, async () => {
      await this.api.remove(id);
      this.live.store.remove(id);
      this.azure.store.forget(id);
      this.announce(t("announceRemoved", { name: r.name }));
      fire(this, EVENTS.registrationRemoved, { id, name: r.name });
      if (this.detail.id === id) {
        this.detail.close();
        await this.updateComplete;
      }
      // The row and its Remove button are gone; the Add button is the next sensible place for focus.
      this.addButton.focus();
    });
  }

  /** Moves a registration off its Manage key after confirmation; the row shows the report or the error. */
  private async secureRegistration(id: string): Promise<void> {
    const r = this.find(id);
    if (!r) return;
    const t = this.t;
    const confirmed = await this.confirmDialog.ask({ title: t("secureConfirmTitle", { name: r.name }), body: t("secureConfirmBody", { hybrid: r.hybridConnectionName, keyName: r.keyName }), confirmLabel: t("secureConfirm") });
    if (!confirmed) return;
    const report = await this.azure.store.secure(id);
    if (!report) return;
    this.live.store.upsert(report.registration);
    this.announce(t("announceSecured", { name: r.name, rule: report.ruleName }));
    fire(this, EVENTS.registrationSecured, { report });
    void this.azure.reload();
  }

  private restartListener(id: string): Promise<void> {
    return this.busy(id, async () => this.live.store.upsert(await this.api.restart(id)));
  }

  /** Runs one row action at a time; a second click while it runs is ignored. */
  private async busy(id: string, task: () => Promise<void>): Promise<void> {
    if (this.busyId !== null) return;
    this.busyId = id;
    try {
      await task();
      this.error = "";
    } catch (error) {
      this.error = generalErrorText(error, this.t);
      void this.live.reload();
    } finally {
      this.busyId = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-settings": AzureRelaySettings;
  }
  interface HTMLElementEventMap {
    "azure-relay-registration-added-v1": CustomEvent<{ registration: import("./registrations-client").RelayRegistration }>;
    "azure-relay-registration-updated-v1": CustomEvent<{ registration: import("./registrations-client").RelayRegistration }>;
  }
}
