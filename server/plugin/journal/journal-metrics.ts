/**
 * The metric families counted from journal records (docs/operations.md): the latency histogram and answers by
 * status class per registration. Labels stay bounded: the registration's name and id, and `status_class` from a
 * fixed list; never a path, a client or a status code a sender could multiply. With the journal off (setting
 * `journal=off`) the families are there and stay at zero.
 */
import type { HistogramSample, MetricFamily, MetricSample } from "../../host/contract";
import { HISTOGRAM_BOUNDS_SECONDS } from "./latency-buckets";
import type { RequestJournal } from "./request-journal";
import { STATUS_CLASSES, type RegistrationTraffic } from "./traffic-stats";

export interface LabelledRegistration {
  id: string;
  labels: Readonly<Record<string, string>>;
}

export function journalMetricFamilies(rows: readonly LabelledRegistration[], journal: RequestJournal, labelNames: readonly string[]): MetricFamily[] {
  const figures = rows.map((row) => ({ row, traffic: journal.trafficOf(row.id) }));
  const histograms: HistogramSample[] = figures.map(({ row, traffic }) => ({ labels: row.labels, ...histogramOf(traffic) }));
  const classes: MetricSample[] = figures.flatMap(({ row, traffic }) =>
    STATUS_CLASSES.map((c) => ({ labels: { ...row.labels, status_class: c }, value: traffic?.byClass[c] ?? 0 })),
  );
  return [
    {
      name: "azure_relay_request_duration_seconds",
      help: "Relayed request duration (arrival at the listener to the last byte of the answer), from the request journal's records.",
      type: "histogram",
      labelNames,
      buckets: HISTOGRAM_BOUNDS_SECONDS,
      samples: histograms,
    },
    {
      name: "azure_relay_responses_total",
      help: "Relayed requests by the status class the sender got (1xx–5xx; none: the sender went away before an answer), from the request journal's records.",
      type: "counter",
      labelNames: [...labelNames, "status_class"],
      samples: classes,
    },
  ];
}

function histogramOf(traffic: RegistrationTraffic | undefined): Omit<HistogramSample, "labels"> {
  const counts: number[] = [];
  let running = 0;
  for (let i = 0; i < HISTOGRAM_BOUNDS_SECONDS.length; i++) {
    running += traffic?.buckets[i] ?? 0;
    counts.push(running);
  }
  return { counts, sum: traffic?.durationSumSeconds ?? 0, count: traffic?.count ?? 0 };
}
