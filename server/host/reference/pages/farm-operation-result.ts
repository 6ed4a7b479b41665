/**
 * *Clear consumer website caches* across a web farm, as readable HTML (docs/farm.md "System operations across the
 * farm"): how many hosts did their part, each host's caches, listeners and time, and the hosts that did not answer
 * within the deadline. A farm of one that answered is shown as before (operation-result.ts).
 */
import { escapeHtml } from "../http-util";
import { fill, type HostTexts } from "../i18n/host-texts";

interface HostPart {
  hostId: string;
  caches: Array<{ name: string; entriesCleared: number }>;
  listeners: Array<{ name: string; restarted: boolean }>;
  durationMs: number;
  error: { code: string; message: string } | null;
}

export interface FarmClearCachesReport {
  hosts: HostPart[];
  notAnswering: string[];
  deadlineMs: number;
}

/** True for a report with per-host parts that is worth showing per host (more than one host, or a problem). */
export function isFarmReport(details: unknown): details is FarmClearCachesReport {
  const d = details as Partial<FarmClearCachesReport> | null;
  if (!d || !Array.isArray(d.hosts) || !Array.isArray(d.notAnswering) || typeof d.deadlineMs !== "number") return false;
  return d.hosts.length + d.notAnswering.length > 1 || d.notAnswering.length > 0 || d.hosts.some((h) => h?.error);
}

export function renderFarmClearCaches(report: FarmClearCachesReport, text: HostTexts): string {
  const answered = report.hosts.filter((h) => !h.error).length;
  const asked = report.hosts.length + report.notAnswering.length;
  const hosts = report.hosts.map((host) => renderHost(host, text)).join("\n");
  return `<h4>${escapeHtml(text.opsFarmHosts)}</h4><p>${escapeHtml(fill(text.opsFarmAnswered, { answered, asked }))}</p>
${hosts}${renderNotAnswering(report, text)}`;
}

function renderHost(host: HostPart, text: HostTexts): string {
  const heading = `<h5>${escapeHtml(fill(text.opsFarmHost, { hostId: host.hostId }))}</h5>`;
  if (host.error) {
    return `<section class="host-outcome">${heading}<p>${escapeHtml(fill(text.opsFarmHostFailed, { message: host.error.message, code: host.error.code }))}</p></section>`;
  }
  const caches = host.caches.map((c) => fill(text.opsCacheEntries, { name: c.name, count: c.entriesCleared })).join(", ");
  const listeners = host.listeners.length
    ? fill(text.opsFarmHostListeners, { list: host.listeners.map((l) => fill(l.restarted ? text.opsListenerRestarted : text.opsListenerNotRestarted, { name: l.name })).join(", ") })
    : text.opsNoListeners;
  const lines = [fill(text.opsFarmHostCaches, { list: caches || "—" }), listeners, fill(text.opsDuration, { ms: host.durationMs })];
  return `<section class="host-outcome">${heading}<ul class="result-list">${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul></section>`;
}

function renderNotAnswering(report: FarmClearCachesReport, text: HostTexts): string {
  if (report.notAnswering.length === 0) return "";
  const seconds = Math.round(report.deadlineMs / 100) / 10;
  const hosts = report.notAnswering.map((id) => `<li>${escapeHtml(id)}</li>`).join("");
  return `
<h4>${escapeHtml(text.opsFarmNotAnswering)}</h4><p>${escapeHtml(fill(text.opsFarmNotAnsweringIntro, { seconds }))}</p><ul class="result-list not-answering">${hosts}</ul>`;
}
