/**
 * Metric families of the end-to-end probe (docs/operations.md, section Probe). Same bounded labels as
 * relay-metrics.ts (`registration`, `registration_id`) plus `result` (ok | failed); a registration never probed has
 * no samples. The host contract's families are counters and gauges, so the round trip is a gauge of the last probe.
 */
import type { MetricFamily, MetricSample, MetricsCollector } from "../../host/contract";
import type { PublicRegistration } from "../registrations/registration";
import type { ProbeService } from "../probe/probe.service";

const LABELS = ["registration", "registration_id"] as const;

export function probeMetricsCollector(list: () => Promise<PublicRegistration[]>, prober: Pick<ProbeService, "lastProbe" | "counts">): MetricsCollector {
  return {
    async collect(): Promise<MetricFamily[]> {
      const rows = (await list()).flatMap((r) => {
        const last = prober.lastProbe(r.id);
        return last ? [{ labels: { registration: r.name, registration_id: r.id }, last, counts: prober.counts(r.id) }] : [];
      });
      const per = (value: (row: (typeof rows)[number]) => number | null): MetricSample[] =>
        rows.flatMap((row) => {
          const v = value(row);
          return v === null ? [] : [{ labels: row.labels, value: v }];
        });
      return [
        { name: "azure_relay_probe_rtt_ms", help: "Round-trip time (ms) of the last end-to-end probe through the relay that came back; absent before one did.", type: "gauge", labelNames: LABELS, samples: per((x) => x.last.roundTripMs) },
        { name: "azure_relay_probe_success", help: "1 when the last end-to-end probe through the relay succeeded, 0 when it failed.", type: "gauge", labelNames: LABELS, samples: per((x) => (x.last.ok ? 1 : 0)) },
        { name: "azure_relay_probe_last_timestamp_seconds", help: "When the last end-to-end probe started (Unix time).", type: "gauge", labelNames: LABELS, samples: per((x) => x.last.at.getTime() / 1000) },
        {
          name: "azure_relay_probes_total",
          help: "End-to-end probes since the plugin started, by result (ok, failed).",
          type: "counter",
          labelNames: [...LABELS, "result"],
          samples: rows.flatMap((row) => (["ok", "failed"] as const).map((result) => ({ labels: { ...row.labels, result }, value: row.counts[result] }))),
        },
      ];
    },
  };
}
