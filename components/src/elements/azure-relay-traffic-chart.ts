/**
 * `<azure-relay-traffic-chart>` — the last hour of one registration's traffic: requests per minute (bars) and p50 /
 * p95 latency (lines), drawn on a canvas by uPlot (bundled, no CDN, loaded on first use; docs/detail-view.md says why uPlot). The
 * canvas follows the element's width (a ResizeObserver), so it fits a phone and a wide screen alike. Beside it: a
 * legend in words (line styles differ, not only colours), a one-line summary, and the minutes with traffic as a
 * table behind a disclosure — the chart's text alternative for screen readers and keyboard users.
 *
 * Properties: `points` (TrafficPoint[], oldest first), `language`.
 * Events: none. Slots: none. CSS parts: `plot`.
 * CSS custom properties: the shared ones (styles.ts): requests in --azure-relay-color-primary, p50 in
 *   --azure-relay-color-success, p95 in --azure-relay-color-warning.
 */
import { css, html, nothing, type PropertyValues } from "lit";
import { property, query } from "lit/decorators.js";
import type uPlot from "uplot";
import { loadChartLibrary } from "../detail/chart-library";
import { chartOptions, type ChartColours } from "../detail/chart-options";
import type { TrafficPoint } from "../detail/detail-types";
import { chartColumns, trafficSummary } from "../detail/traffic-series";
import { count, latency } from "../format";
import { base } from "../styles";
import { defineElement } from "./define-element";
import { LocalisedElement } from "./localised-element";

@defineElement("azure-relay-traffic-chart")
export class AzureRelayTrafficChart extends LocalisedElement {
  static styles = [
    base,
    css`
      :host { display: block; min-width: 0; }
      figure { margin: 0; min-width: 0; }
      .plot { width: 100%; min-width: 0; overflow: hidden; }
      figcaption { color: var(--_muted); margin-top: calc(var(--_space) * 0.5); }
      .legend { display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 0.5) calc(var(--_space) * 2); margin: 0 0 var(--_space); padding: 0; list-style: none; }
      .swatch { display: inline-block; width: 1.6em; height: 0; vertical-align: middle; margin-right: 0.4em; border-top: 3px solid; }
      /* Classes, not style attributes: a host's CSP may forbid inline styles. */
      .swatch.bar { height: 0.8em; border: 0; background: color-mix(in srgb, var(--_primary) 55%, transparent); }
      .swatch.p50 { border-color: var(--_success); }
      .swatch.p95 { border-color: var(--_warning); border-top-style: dashed; }
      table { border-collapse: collapse; margin-top: var(--_space); }
      th, td { text-align: right; padding: 0.1em 0.8em; border-bottom: 1px solid var(--_border); }
      summary { cursor: pointer; color: var(--_primary); margin-top: var(--_space); }
      /* The few rules of uPlot.min.css its canvas layout needs, here because its root lives in this shadow tree. */
      .uplot, .uplot * { box-sizing: border-box; }
      .uplot { width: min-content; }
      .u-wrap { position: relative; user-select: none; }
      .u-over, .u-under { position: absolute; }
      .u-under { overflow: hidden; }
      .uplot canvas { display: block; position: relative; width: 100%; height: 100%; }
      .u-axis { position: absolute; }
      .u-select, .u-cursor-x, .u-cursor-y, .u-cursor-pt { display: none; }
    `,
  ];

  /** One point per minute, oldest first (`relayTrafficSeries`). */
  @property({ attribute: false }) points: readonly TrafficPoint[] = [];
  @query(".plot") private plotBox?: HTMLElement;

  private plot?: uPlot;
  private plotLanguage?: string;
  private readonly resize = new ResizeObserver(() => this.fit());

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }

  protected firstUpdated(): void {
    if (this.plotBox) this.resize.observe(this.plotBox);
  }

  protected updated(changed: PropertyValues<this>): void {
    if (!this.plotBox) return;
    if (!this.plot || this.plotLanguage !== this.language) void this.create();
    else if (changed.has("points")) this.plot.setData(chartColumns(this.points));
  }

  /** (Re)creates the plot once uPlot is loaded, with the points and language current by then. */
  private async create(): Promise<void> {
    const library = await loadChartLibrary();
    const box = this.plotBox;
    if (!box || !this.isConnected || (this.plot && this.plotLanguage === this.language)) return;
    this.plot?.destroy();
    const labels = { requests: this.t("chartRequests"), p50: this.t("chartP50"), p95: this.t("chartP95") };
    this.plot = new library(chartOptions(library, this.widthOf(box), this.language, this.colours(), labels), chartColumns(this.points), box);
    this.plotLanguage = this.language;
  }

  private fit(): void {
    if (this.plot && this.plotBox) this.plot.setSize({ width: this.widthOf(this.plotBox), height: this.plot.height });
  }

  private widthOf(box: HTMLElement): number {
    return Math.max(200, Math.floor(box.clientWidth));
  }

  /** The theme's colours, resolved: canvas drawing cannot use CSS custom properties. */
  private colours(): ChartColours {
    const style = getComputedStyle(this);
    const read = (name: string) => style.getPropertyValue(name).trim();
    return { requests: read("--_primary"), p50: read("--_success"), p95: read("--_warning"), text: read("--_muted"), grid: read("--_border") };
  }

  render() {
    const s = trafficSummary(this.points);
    const summary = s.requests === 0
      ? this.t("chartNoTraffic")
      : this.t("chartSummary", { requests: count(s.requests, this.language), errors: count(s.errors, this.language), peak: count(s.peakPerMinute, this.language), p95: s.worstP95Ms === null ? "—" : latency(s.worstP95Ms, this.language) });
    return html`
      <figure>
        <ul class="legend" aria-hidden="true">
          <li><span class="swatch bar"></span>${this.t("chartRequests")}</li>
          <li><span class="swatch p50"></span>${this.t("chartP50")}</li>
          <li><span class="swatch p95"></span>${this.t("chartP95")}</li>
        </ul>
        <div class="plot" part="plot" role="img" aria-label=${`${this.t("chartTitle")}: ${summary}`}></div>
        <figcaption>${summary}</figcaption>
      </figure>
      ${s.requests === 0 ? nothing : this.table()}
    `;
  }

  /** The minutes that had requests, as a table (the chart's data for those who cannot see it). */
  private table() {
    const clock = new Intl.DateTimeFormat(this.language, { hour: "2-digit", minute: "2-digit" });
    const rows = this.points.filter((p) => p.requests > 0);
    const ms = (v: number | null) => (v === null ? "—" : latency(v, this.language));
    return html`<details>
      <summary>${this.t("chartAsTable")}</summary>
      <table>
        <thead><tr><th scope="col">${this.t("chartMinute")}</th><th scope="col">${this.t("chartRequests")}</th><th scope="col">${this.t("colErrors")}</th><th scope="col">${this.t("chartP50")}</th><th scope="col">${this.t("chartP95")}</th></tr></thead>
        <tbody>${rows.map((p) => html`<tr><th scope="row"><time datetime=${p.at}>${clock.format(new Date(p.at))}</time></th><td>${count(p.requests, this.language)}</td><td>${count(p.errors, this.language)}</td><td>${ms(p.p50Ms)}</td><td>${ms(p.p95Ms)}</td></tr>`)}</tbody>
      </table>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "azure-relay-traffic-chart": AzureRelayTrafficChart;
  }
}
