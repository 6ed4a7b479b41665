/**
 * The installation's journal settings from host configuration (`azure-relay.<key>`, env ECS_PLUGIN_AZURE_RELAY_<KEY>):
 * - `journal`: `on` (default) or `off` — off records nothing, so the journal, the latency histogram, the status
 *   classes and the traffic chart stay empty (for a benchmark comparison, or an installation that wants no record);
 * - `journalQueryValues`: `redact` (default) or `keep` — `sig`, `SharedAccessKey`, `sb-hc-token`, `code`, `token`
 *   and `access_token` values are redacted either way;
 * - `journalRedactHeaders`: comma- or space-separated header names never recorded, beyond the built-in list.
 */
import type { HostConfig } from "../../host/contract";
import type { JournalSettings } from "../../relay/protocol";

export function journalSettingsFrom(config: HostConfig): JournalSettings {
  const enabled = choice(config, "journal", ["on", "off"], "on") === "on";
  const keepQueryValues = choice(config, "journalQueryValues", ["redact", "keep"], "redact") === "keep";
  const redactHeaders = (config.get("journalRedactHeaders") ?? "").split(/[\s,]+/).filter(Boolean);
  for (const name of redactHeaders) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new Error(`Setting azure-relay.journalRedactHeaders has ${JSON.stringify(name)}, which is not a header name — list names like X-Api-Key, separated by commas.`);
  }
  return { enabled, keepQueryValues, redactHeaders };
}

function choice(config: HostConfig, key: string, allowed: readonly string[], fallback: string): string {
  const raw = config.get(key)?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (!allowed.includes(raw)) throw new Error(`Setting azure-relay.${key} is ${JSON.stringify(raw)} — use ${allowed.join(" or ")}.`);
  return raw;
}
