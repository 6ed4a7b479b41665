/**
 * The plugin's host-level settings as a diagnostics bundle shows them: every known key that is set, secrets only as
 * "set", URLs without user, password, path or query. A new setting is added here with its kind.
 */
import type { HostConfig } from "../../host/contract";
import { SET_MARKER } from "./diagnostics-redaction";

type Kind = "plain" | "secret" | "url";

const SETTINGS: Readonly<Record<string, Kind>> = {
  engine: "plain", webSockets: "plain", maxBodyBytes: "plain", targetTimeoutMs: "plain", keepAliveMs: "plain", tokenLifetimeSeconds: "plain",
  targetAllow: "plain", proxyUrl: "url", proxyBypass: "plain",
  "farm.resyncMs": "plain", "management.suspicionGraceMs": "plain", "management.farmHosts": "plain",
  "history.flushMs": "plain",
  "statusWebhook.url": "url", "statusWebhook.secret": "secret", "statusWebhook.timeoutMs": "plain", "statusWebhook.maxAttempts": "plain",
  "statusWebhook.retryInitialMs": "plain", "statusWebhook.retryMaxMs": "plain", "statusWebhook.queueSize": "plain",
};

/** `{ key: shown value }` for every known setting that is set; unset ones are left out (their defaults apply). */
export function settingsView(config: HostConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, kind] of Object.entries(SETTINGS)) {
    const raw = config.get(key);
    if (raw === undefined || raw.trim() === "") continue;
    out[key] = kind === "secret" ? SET_MARKER : kind === "url" ? originOnly(raw) : raw;
  }
  return out;
}

/** The values of secret settings and URL credentials, for the bundle's final redaction pass. */
export function secretSettingValues(config: HostConfig): string[] {
  const values: string[] = [];
  for (const [key, kind] of Object.entries(SETTINGS)) {
    const raw = config.get(key)?.trim();
    if (!raw) continue;
    if (kind === "secret") values.push(raw);
    if (kind === "url") {
      try {
        const url = new URL(raw);
        values.push(...[url.username, url.password].map(decodeURIComponent).filter(Boolean), ...(url.pathname.length > 1 ? [url.pathname] : []), ...(url.search ? [url.search] : []));
      } catch {
        values.push(raw);
      }
    }
  }
  return values;
}

function originOnly(raw: string): string {
  try {
    const url = new URL(raw);
    return url.origin + (url.pathname !== "/" || url.search ? "/…" : "/") + (url.username ? " (with credentials)" : "");
  } catch {
    return "(not a URL)";
  }
}
