/**
 * The diagnostics bundle (issue 12 item 7; docs/operations.md, Diagnostics): what an admin attaches to a support
 * ticket. Versions, settings (no secrets), every registration with its status, traffic, target health, history and
 * last journal entries, the status webhook, and the host's recent log lines — all through `redactDeep` at the end.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { HostServices } from "../../host/contract";
import type { HistoryRecorder } from "../history/history-recorder";
import type { PublicRegistration } from "../registrations/registration";
import type { RelayControl } from "../registrations/relay-control";
import type { StatusWebhook } from "../webhook/status-webhook";
import { redactDeep } from "./diagnostics-redaction";
import { secretSettingValues, settingsView } from "./settings-view";

/** Host log lines in a bundle: enough to see the last minutes around a problem, small enough to paste. @default 200 */
export const DIAGNOSTICS_LOG_LINES = 200;
/** Journal entries per registration in a bundle (issue 12). */
export const DIAGNOSTICS_JOURNAL_ENTRIES = 50;

export interface DiagnosticsSources {
  host: Pick<HostServices, "config" | "contractVersion"> & { log?: HostServices["log"] };
  list(): Promise<PublicRegistration[]>;
  relay: RelayControl;
  history: HistoryRecorder;
  webhook: StatusWebhook;
  /** The registration's last end-to-end probe (server/plugin/probe/), if any. */
  lastProbe?(registrationId: string): unknown;
  /** The newest journal entries of a registration, newest first; absent while the plugin has no journal. */
  journal?(registrationId: string, limit: number): unknown[];
}

export async function buildDiagnostics(sources: DiagnosticsSources): Promise<unknown> {
  const { host, relay } = sources;
  const registrations = (await sources.list()).map((r) => ({
    id: r.id, name: r.name, namespace: r.namespace, hybridConnectionName: r.hybridConnectionName, enabled: r.enabled, secure: r.secure,
    keyName: r.keyName, keyFingerprint: r.keyFingerprint, targetUrl: safeUrl(r.targetUrl), targetHealth: r.targetHealth, webSockets: r.webSockets,
    createdAt: r.createdAt, updatedAt: r.updatedAt,
    status: relay.status(r.id),
    traffic: relay.traffic(r.id),
    targetHealthCheck: relay.targetHealth?.(r.id) ?? null,
    history: sources.history.history(r.id, 7),
    lastProbe: sources.lastProbe?.(r.id) ?? null,
    journal: sources.journal ? sources.journal(r.id, DIAGNOSTICS_JOURNAL_ENTRIES) : "not available (this build has no request journal)",
  }));
  const bundle = {
    generatedAt: new Date().toISOString(),
    plugin: { id: "azure-relay", version: pluginVersion() },
    host: { hostId: host.config.hostId, contractVersion: host.contractVersion, defaultTargetUrl: safeUrl(host.config.defaultTargetUrl) },
    runtime: { node: process.version, platform: process.platform, arch: process.arch, uptimeSeconds: Math.round(process.uptime()) },
    settings: settingsView(host.config),
    statusWebhook: sources.webhook.status(),
    registrations,
    hostLog: host.log ? host.log.recent(DIAGNOSTICS_LOG_LINES) : "not available (host contract before 2.2)",
  };
  return redactDeep(bundle, secretSettingValues(host.config));
}

/** A target URL without user, password or query values (they may be credentials). */
function safeUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = "";
    url.password = "";
    for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, "…");
    return url.toString();
  } catch {
    return "(not a URL)";
  }
}

let version: string | null | undefined;
/** The version in plugin.json (two folders up from server/plugin/diagnostics, in the repo and in the package). */
function pluginVersion(): string | null {
  if (version === undefined) {
    try {
      version = (JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../plugin.json"), "utf8")) as { version?: string }).version ?? null;
    } catch {
      version = null;
    }
  }
  return version;
}
