/**
 * The host's status webhook (docs/operations.md, Webhook): every state change of a registration's listener is
 * queued and POSTed, signed, to the configured URL; failures are retried with exponential backoff. The status
 * callback only pushes onto a bounded queue (the oldest waiting event is dropped and counted when it is full), so a
 * slow or dead receiver never blocks a listener. Deliveries run one at a time, in order.
 */
import { randomUUID } from "node:crypto";
import type { Disposable, Logger } from "../../host/contract";
import type { RelayError, RelayState, RelayStatusChange } from "../supervisor/relay-status";
import { postJson } from "./webhook-post";
import { displayUrl, type WebhookSettings } from "./webhook-settings";
import { signature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./webhook-signature";

export const STATUS_WEBHOOK_EVENT = "azure-relay/status-changed/v1";
/** `lastError.code` of a failing webhook. */
export const STATUS_WEBHOOK_FAILED = "STATUS_WEBHOOK_FAILED";

/** The JSON body of one delivery. */
export interface StatusWebhookBody {
  event: typeof STATUS_WEBHOOK_EVENT;
  deliveryId: string;
  registrationId: string;
  registrationName: string | null;
  previousState: RelayState | null;
  state: RelayState;
  at: string;
  hostId: string;
  code: string | null;
}

export interface StatusWebhookStatus {
  configured: boolean;
  url: string | null;
  /** The last attempt failed (and none succeeded since). */
  failing: boolean;
  lastDeliveryAt: Date | null;
  lastError: RelayError | null;
  /** Events waiting (and the one being delivered). */
  pending: number;
  delivered: number;
  /** Events given up after every attempt failed. */
  givenUp: number;
  /** Events dropped unsent because the queue was full. */
  dropped: number;
}

export interface StatusWebhookDeps {
  hostId: string;
  /** The registration's display name for the body (looked up when its delivery starts, never in the status callback). */
  nameOf(registrationId: string): Promise<string | undefined>;
  logger: Logger;
  /** Randomness for the jitter. @default Math.random */
  random?: () => number;
}

export class StatusWebhook {
  private readonly queue: Array<Omit<StatusWebhookBody, "registrationName">> = [];
  private readonly stopping = new AbortController();
  private delivering = false;
  private counts = { delivered: 0, givenUp: 0, dropped: 0 };
  private failing = false;
  private lastDeliveryAt: Date | null = null;
  private lastError: RelayError | null = null;

  constructor(private readonly settings: WebhookSettings | undefined, private readonly deps: StatusWebhookDeps) {}

  /** Queues every change of state `source` reports (data-only changes, same state, are not sent). */
  follow(source: { onStatusChanged(handler: (change: RelayStatusChange) => void): Disposable }): Disposable {
    return source.onStatusChanged((change) => {
      if (change.previous !== change.status.state) this.enqueue(change);
    });
  }

  /** O(1) and never waits: queues the event and wakes the delivery loop. */
  enqueue(change: RelayStatusChange): void {
    if (!this.settings || this.stopping.signal.aborted) return;
    const { status } = change;
    this.queue.push({
      event: STATUS_WEBHOOK_EVENT, deliveryId: randomUUID(), registrationId: change.registrationId, previousState: change.previous,
      state: status.state, at: status.since.toISOString(), hostId: this.deps.hostId, code: "lastError" in status ? status.lastError.code : null,
    });
    if (this.queue.length > this.settings.queueSize) {
      this.queue.shift();
      this.counts.dropped += 1;
    }
    if (!this.delivering) void this.drain();
  }

  status(): StatusWebhookStatus {
    return {
      configured: this.settings !== undefined, url: this.settings ? displayUrl(this.settings.url) : null, failing: this.failing,
      lastDeliveryAt: this.lastDeliveryAt, lastError: this.lastError, pending: this.queue.length + (this.delivering ? 1 : 0), ...this.counts,
    };
  }

  /** Stops delivering; waiting events are dropped (the history keeps every change). Safe to call twice. */
  stop(): void {
    this.stopping.abort();
    this.queue.length = 0;
  }

  private async drain(): Promise<void> {
    this.delivering = true;
    try {
      for (let next = this.queue.shift(); next && !this.stopping.signal.aborted; next = this.queue.shift()) {
        const registrationName = (await this.deps.nameOf(next.registrationId).catch(() => undefined)) ?? null;
        await this.deliver(JSON.stringify({ ...next, registrationName }));
      }
    } finally {
      this.delivering = false;
    }
  }

  /** Attempts one event until it is delivered, every attempt failed, or the plugin stops. */
  private async deliver(body: string): Promise<void> {
    const settings = this.settings!;
    for (let attempt = 1; attempt <= settings.maxAttempts && !this.stopping.signal.aborted; attempt++) {
      const timestamp = Math.floor(Date.now() / 1000);
      const headers: Record<string, string> = { "x-ecs-event": STATUS_WEBHOOK_EVENT, [TIMESTAMP_HEADER]: String(timestamp), "user-agent": "ecs-core-azure-relay" };
      if (settings.secret) headers[SIGNATURE_HEADER] = signature(settings.secret, timestamp, body);
      const outcome = await postJson(settings.url, body, headers, settings.timeoutMs, this.stopping.signal);
      if (outcome.ok) {
        if (this.failing) this.deps.logger.info("status webhook delivers again", { url: displayUrl(settings.url) });
        this.failing = false;
        this.lastError = null;
        this.lastDeliveryAt = new Date();
        this.counts.delivered += 1;
        return;
      }
      if (this.stopping.signal.aborted) return;
      if (!this.failing) this.deps.logger.warn("status webhook failed; retrying", { url: displayUrl(settings.url), detail: outcome.detail });
      this.failing = true;
      this.lastError = webhookError(displayUrl(settings.url), outcome.detail);
      if (attempt < settings.maxAttempts) await this.pause(this.retryDelay(attempt));
    }
    if (!this.stopping.signal.aborted) this.counts.givenUp += 1;
  }

  /** `retryInitialMs × 2^(attempt−1)`, capped at `retryMaxMs`, ±20 % so many hosts do not retry in lockstep. */
  private retryDelay(attempt: number): number {
    const { retryInitialMs, retryMaxMs } = this.settings!;
    const base = Math.min(retryMaxMs, retryInitialMs * 2 ** (attempt - 1));
    return Math.round(base * (0.8 + 0.4 * (this.deps.random ?? Math.random)()));
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.stopping.signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.stopping.signal.addEventListener("abort", done);
    });
  }
}

function webhookError(url: string, detail: string): RelayError {
  return {
    code: STATUS_WEBHOOK_FAILED,
    message: `The status webhook at ${url} failed: ${detail}.`,
    advice: "Check that the receiver is up and answers 2xx to POST; the plugin retries with increasing delays and drops the oldest events when its queue is full.",
  };
}
