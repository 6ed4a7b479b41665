/**
 * The reference host's /metrics (contract 2.1 `metrics`), rendered by prom-client: the host's process metrics
 * (collectDefaultMetrics, prefixed `ecs_host_`) and, per scrape, every plugin collector's families. Plugin families
 * are rebuilt in a scrape-local prom-client registry, so a removed registration's series disappear with it.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import type { Disposable, HistogramMetricFamily, Logger, MetricFamily, MetricsCollector, MetricsRegistry } from "../contract";

export class MetricsHub {
  private readonly processRegistry = new Registry();
  private readonly collectors = new Map<MetricsCollector, string>();

  constructor(private readonly logger: Logger) {
    collectDefaultMetrics({ register: this.processRegistry, prefix: "ecs_host_" });
  }

  /** The registry as plugin `pluginId` sees it: its families must be named `<plugin_id>_…`. */
  forPlugin(pluginId: string): MetricsRegistry {
    return {
      registerCollector: (collector): Disposable => {
        this.collectors.set(collector, pluginId);
        return { dispose: () => void this.collectors.delete(collector) };
      },
    };
  }

  get contentType(): string {
    return this.processRegistry.contentType;
  }

  /** The exposition text. A collector that throws or breaks the rules is left out (and logged); the rest are served. */
  async render(): Promise<string> {
    const scrape = new Registry();
    for (const [collector, pluginId] of this.collectors) {
      try {
        for (const family of await collector.collect()) addFamily(scrape, family, pluginId);
      } catch (error) {
        this.logger.warn("metrics collector failed", { plugin: pluginId, message: String(error) });
      }
    }
    return Registry.merge([this.processRegistry, scrape]).metrics();
  }
}

function addFamily(registry: Registry, family: MetricFamily, pluginId: string): void {
  const prefix = `${pluginId.replace(/[^a-zA-Z0-9]+/g, "_")}_`;
  if (!family.name.startsWith(prefix)) throw new Error(`metric ${family.name} must start with ${prefix}`);
  if (family.type === "histogram") return registry.registerMetric(precomputedHistogram(family) as never);
  const options = { name: family.name, help: family.help, labelNames: [...family.labelNames], registers: [registry] };
  if (family.type === "counter") {
    const counter = new Counter(options);
    for (const s of family.samples) counter.inc({ ...s.labels }, Math.max(0, s.value));
  } else {
    const gauge = new Gauge(options);
    for (const s of family.samples) gauge.set({ ...s.labels }, s.value);
  }
}

/**
 * A histogram the plugin counted itself (contract 2.2): prom-client's Histogram only observes, so the family is
 * handed to the registry as a metric-like object whose `get()` yields the `_bucket`/`_sum`/`_count` lines.
 */
function precomputedHistogram(family: HistogramMetricFamily): object {
  if (family.labelNames.includes("le")) throw new Error(`histogram ${family.name} may not use the label le`);
  const bounds = family.buckets;
  for (let i = 1; i < bounds.length; i++) if (!(bounds[i]! > bounds[i - 1]!)) throw new Error(`histogram ${family.name}: buckets must ascend`);
  const values = family.samples.flatMap((s) => {
    if (s.counts.length !== bounds.length) throw new Error(`histogram ${family.name}: ${s.counts.length} counts for ${bounds.length} buckets`);
    const labels = { ...s.labels };
    return [
      ...bounds.map((le, i) => ({ metricName: `${family.name}_bucket`, labels: { ...labels, le }, value: s.counts[i]! })),
      { metricName: `${family.name}_bucket`, labels: { ...labels, le: "+Inf" }, value: s.count },
      { metricName: `${family.name}_sum`, labels, value: s.sum },
      { metricName: `${family.name}_count`, labels, value: s.count },
    ];
  });
  const metric = { name: family.name, help: family.help, type: "histogram", aggregator: "sum", values };
  return { ...metric, get: () => metric };
}
