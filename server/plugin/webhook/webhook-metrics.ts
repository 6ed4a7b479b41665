/** The status webhook's metric families for the host's /metrics (present only when a webhook is configured). */
import type { MetricFamily, MetricsCollector } from "../../host/contract";
import type { StatusWebhook } from "./status-webhook";

export function webhookMetricsCollector(webhook: StatusWebhook): MetricsCollector {
  return {
    collect(): MetricFamily[] {
      const s = webhook.status();
      if (!s.configured) return [];
      return [
        { name: "azure_relay_status_webhook_events_total", help: "Status webhook events by outcome: delivered, given_up (every attempt failed), dropped (queue full).", type: "counter", labelNames: ["outcome"], samples: [
          { labels: { outcome: "delivered" }, value: s.delivered }, { labels: { outcome: "given_up" }, value: s.givenUp }, { labels: { outcome: "dropped" }, value: s.dropped },
        ] },
        { name: "azure_relay_status_webhook_failing", help: "1 while the status webhook's last attempt failed.", type: "gauge", labelNames: [], samples: [{ value: s.failing ? 1 : 0 }] },
        { name: "azure_relay_status_webhook_pending", help: "Status webhook events waiting to be delivered.", type: "gauge", labelNames: [], samples: [{ value: s.pending }] },
      ];
    },
  };
}
