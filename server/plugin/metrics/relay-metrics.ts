/**
 * The plugin's metric families for the host's /metrics (docs/operations.md). Labels are bounded: one label set per
 * registration (`registration` = its name, `registration_id` so equal names stay apart) plus fixed enumerations
 * (`reason`, `state`, `status_class`, the histogram's `le`); never a path, a client address or anything a sender chooses.
 * Latency and status classes come from the request journal's records (journal-metrics.ts).
 */
import type { MetricFamily, MetricSample, MetricsCollector } from "../../host/contract";
import type { TrafficSnapshot } from "../../relay/protocol";
import type { PublicRegistration } from "../registrations/registration";
import type { RelayControl } from "../registrations/relay-control";
import { journalMetricFamilies } from "../journal/journal-metrics";
import type { RequestJournal } from "../journal/request-journal";
import { RELAY_STATES } from "../supervisor/relay-status";
import type { StatusCounters } from "./status-counters";

const LABELS = ["registration", "registration_id"] as const;
const FAILURE_REASONS = ["targetUnreachable", "targetTimeout", "tooLarge", "targetError", "aborted"] as const;

export function relayMetricsCollector(list: () => Promise<PublicRegistration[]>, relay: RelayControl, counters: StatusCounters, journal: RequestJournal): MetricsCollector {
  return {
    async collect(): Promise<MetricFamily[]> {
      const rows = (await list()).map((r) => ({ r, labels: { registration: r.name, registration_id: r.id }, traffic: relay.traffic(r.id), state: relay.status(r.id).state, health: relay.targetHealth?.(r.id) }));
      const per = (value: (row: (typeof rows)[number]) => number | undefined): MetricSample[] =>
        rows.flatMap((row) => {
          const v = value(row);
          return v === undefined ? [] : [{ labels: row.labels, value: v }];
        });
      const perOf = (extra: string, values: readonly string[], value: (row: (typeof rows)[number], v: string) => number | undefined): MetricSample[] =>
        rows.flatMap((row) => values.flatMap((v) => {
          const n = value(row, v);
          return n === undefined ? [] : [{ labels: { ...row.labels, [extra]: v }, value: n }];
        }));
      return [
        counter("azure_relay_requests_total", "Requests relayed to the local target (every outcome).", per((x) => x.traffic.requests)),
        { name: "azure_relay_failed_requests_total", help: "Relayed requests that failed, by reason: targetUnreachable (502), targetTimeout (504), tooLarge (413), targetError (target 5xx), aborted (sender went away).", type: "counter", labelNames: [...LABELS, "reason"], samples: perOf("reason", FAILURE_REASONS, (x, reason) => x.traffic.failed[reason as keyof TrafficSnapshot["failed"]]) },
        counter("azure_relay_bytes_in_total", "Request body bytes received from relay senders.", per((x) => x.traffic.bytesIn)),
        counter("azure_relay_bytes_out_total", "Response body bytes sent back to relay senders.", per((x) => x.traffic.bytesOut)),
        ...journalMetricFamilies(rows.map((x) => ({ id: x.r.id, labels: x.labels })), journal, LABELS),
        counter("azure_relay_token_renewals_total", "Listener token renewals sent to the relay (at 80 % of the token's lifetime on the native engine, at half on hyco-https; not hyco-https's own hourly one).", per((x) => x.traffic.tokenRenewals ?? 0)),
        { name: "azure_relay_listener_state", help: "1 for the registration's current state, 0 for the others.", type: "gauge", labelNames: [...LABELS, "state"], samples: perOf("state", RELAY_STATES, (x, s) => (x.state === s ? 1 : 0)) },
        gauge("azure_relay_listener_up", "1 while the listener is connected to the relay (ONLINE, or DEGRADED and not withdrawn).", per((x) => (x.state === "ONLINE" || (x.state === "DEGRADED" && !x.health?.withdrawn) ? 1 : 0))),
        counter("azure_relay_reconnects_total", "Times the listener entered RECONNECTING since the plugin started.", per((x) => counters.reconnectsOf(x.r.id))),
        counter("azure_relay_state_changes_total", "Status changes since the plugin started.", per((x) => counters.stateChangesOf(x.r.id))),
        gauge("azure_relay_target_healthy", "1 when the local target passes its health check, 0 when it fails; absent while unchecked or before the first verdict.", per((x) => (x.health?.health.state === "healthy" ? 1 : x.health?.health.state === "unhealthy" ? 0 : undefined))),
        gauge("azure_relay_target_consecutive_failures", "Failed target health checks in a row.", per((x) => x.health?.health.consecutiveFailures)),
      ];
    },
  };
}

function counter(name: string, help: string, samples: MetricSample[]): MetricFamily {
  return { name, help, type: "counter", labelNames: LABELS, samples };
}

function gauge(name: string, help: string, samples: MetricSample[]): MetricFamily {
  return { name, help, type: "gauge", labelNames: LABELS, samples };
}
