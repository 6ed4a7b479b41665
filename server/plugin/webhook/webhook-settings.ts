/**
 * The status webhook's host-level settings (`azure-relay.statusWebhook.<key>`, env
 * `ECS_PLUGIN_AZURE_RELAY_STATUSWEBHOOK_<KEY>`; docs/operations.md, Webhook). Unset URL: no webhook.
 * The secret is never logged, returned or repeated in an error; neither is the URL's path or query (webhook URLs
 * often carry a token there), only its origin.
 */
import type { HostConfig } from "../../host/contract";

export interface WebhookSettings {
  /** Where state changes are POSTed: http:// or https://, no user:password part. */
  url: URL;
  /** HMAC-SHA256 key of the `X-ECS-Signature` header; unset: events are sent unsigned. At least 16 characters. */
  secret?: string;
  /** One attempt's limit, connect to last response header. @default 5000 */
  timeoutMs: number;
  /** Attempts per event before it is given up (counted). @default 5 */
  maxAttempts: number;
  /** Delay before the first retry; doubles per retry (±20 % jitter). @default 1000 */
  retryInitialMs: number;
  /** Longest delay between retries. @default 60000 */
  retryMaxMs: number;
  /** Events waiting beyond this drop the oldest (counted): a dead receiver cannot grow memory. @default 100 */
  queueSize: number;
}

const NUMBERS = { timeoutMs: [5000, 100, 60_000], maxAttempts: [5, 1, 20], retryInitialMs: [1000, 10, 600_000], retryMaxMs: [60_000, 10, 3_600_000], queueSize: [100, 1, 10_000] } as const;

/** The webhook's settings, or undefined when no URL is set; throws naming the setting (never its value when secret). */
export function webhookSettingsFrom(config: HostConfig): WebhookSettings | undefined {
  const raw = config.get("statusWebhook.url")?.trim();
  if (!raw) return undefined;
  const url = checkedUrl(raw);
  const secret = config.get("statusWebhook.secret");
  if (secret !== undefined && secret !== "" && secret.length < 16) {
    throw new Error("Setting azure-relay.statusWebhook.secret is too short — use at least 16 characters, e.g. `openssl rand -hex 32` (the value is not repeated here).");
  }
  const numbers = Object.fromEntries(Object.entries(NUMBERS).map(([key, [fallback, min, max]]) => [key, wholeNumber(config, key, fallback, min, max)]));
  return { url, ...(secret ? { secret } : {}), ...(numbers as Pick<WebhookSettings, keyof typeof NUMBERS>) };
}

function checkedUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error("Setting azure-relay.statusWebhook.url is not a URL — use http://host[:port]/path or https://… (the value is not repeated here: it may hold a token).");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`Setting azure-relay.statusWebhook.url uses ${url.protocol} — use an http:// or https:// URL.`);
  }
  if (url.username || url.password) {
    throw new Error("Setting azure-relay.statusWebhook.url holds a user name or password — remove them and use azure-relay.statusWebhook.secret to sign requests instead.");
  }
  return url;
}

function wholeNumber(config: HostConfig, key: string, fallback: number, min: number, max: number): number {
  const raw = config.get(`statusWebhook.${key}`)?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`Setting azure-relay.statusWebhook.${key} is ${JSON.stringify(raw)} — use a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** What may be shown of the URL: scheme, host and port, and `/…` when it has a path or query (they may hold a token). */
export function displayUrl(url: URL): string {
  return url.origin + (url.pathname !== "/" || url.search ? "/…" : "/");
}
