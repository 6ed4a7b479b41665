/**
 * A system operation's outcome as readable HTML (no JSON): the summary, then what it did — for the Azure Relay
 * report (`caches`, `listeners`, `durationMs`) lists of the caches cleared and the listeners restarted and the
 * time it took (across a web farm: per host, and the hosts that did not answer — farm-operation-result.ts); for
 * any other operation its details as a definition list of plain values.
 */
import type { SystemOperationResult } from "../../contract";
import { escapeHtml } from "../http-util";
import { fill, type HostTexts } from "../i18n/host-texts";
import { isFarmReport, renderFarmClearCaches } from "./farm-operation-result";

export interface OperationOutcome {
  id: string;
  result?: SystemOperationResult;
  /** Why the run did not happen (refused, failed, not confirmed). */
  error?: string;
}

/** The outcome card; `title` is the operation's title. Focusable so the page can move focus to it after a run. */
export function renderOutcome(outcome: OperationOutcome, title: string, text: HostTexts): string {
  const name = escapeHtml(title);
  if (outcome.error || !outcome.result) {
    return `<div class="card outcome-problem" role="alert" tabindex="-1"><h3>${fill(text.opsDidNotRun, { title: name })}</h3><p>${escapeHtml(outcome.error ?? text.opsFailed)}</p></div>`;
  }
  const { result } = outcome;
  const heading = fill(result.ok ? text.opsDone : text.opsProblems, { title: name });
  return `<div class="card ${result.ok ? "outcome-ok" : "outcome-problem"}" role="status" tabindex="-1"><h3>${heading}</h3><p>${escapeHtml(summaryOf(result, text))}</p>${renderDetails(result.details, text)}</div>`;
}

/** The plugin's summary is English; for the report the host knows, the same sentence in the host's language. */
function summaryOf(result: SystemOperationResult, text: HostTexts): string {
  if (!isClearCachesReport(result.details)) return result.summary;
  const { caches, listeners, durationMs } = result.details;
  const entries = caches.reduce((sum, c) => sum + c.entriesCleared, 0);
  return fill(text.opsClearSummary, { caches: caches.length, entries, restarted: listeners.filter((l) => l.restarted).length, listeners: listeners.length, ms: durationMs });
}

interface ClearCachesReport {
  caches: Array<{ name: string; entriesCleared: number }>;
  listeners: Array<{ name: string; restarted: boolean }>;
  durationMs: number;
}

function isClearCachesReport(details: unknown): details is ClearCachesReport {
  const d = details as Partial<ClearCachesReport> | null;
  return !!d && Array.isArray(d.caches) && Array.isArray(d.listeners) && typeof d.durationMs === "number";
}

function renderDetails(details: unknown, text: HostTexts): string {
  if (details === undefined || details === null) return "";
  if (isFarmReport(details)) return renderFarmClearCaches(details, text);
  if (isClearCachesReport(details)) return renderClearCaches(details, text);
  if (typeof details !== "object") return `<p>${escapeHtml(String(details))}</p>`;
  const rows = Object.entries(details as Record<string, unknown>)
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(plain(value))}</dd>`)
    .join("");
  return `<h4>${escapeHtml(text.opsDetails)}</h4><dl>${rows}</dl>`;
}

function renderClearCaches(report: ClearCachesReport, text: HostTexts): string {
  const caches = report.caches.map((c) => `<li>${escapeHtml(fill(text.opsCacheEntries, { name: c.name, count: c.entriesCleared }))}</li>`).join("");
  const listeners = report.listeners
    .map((l) => `<li>${escapeHtml(fill(l.restarted ? text.opsListenerRestarted : text.opsListenerNotRestarted, { name: l.name }))}</li>`)
    .join("");
  return `<h4>${escapeHtml(text.opsCachesCleared)}</h4><ul class="result-list">${caches}</ul>
<h4>${escapeHtml(text.opsListeners)}</h4>${listeners ? `<ul class="result-list">${listeners}</ul>` : `<p>${escapeHtml(text.opsNoListeners)}</p>`}
<p class="muted">${escapeHtml(fill(text.opsDuration, { ms: report.durationMs }))}</p>`;
}

/** A value as one line of text: lists of named things by their names, objects by their plain fields. */
function plain(value: unknown): string {
  if (Array.isArray(value)) return value.map(plain).join(", ");
  if (value && typeof value === "object") {
    const named = (value as { name?: unknown }).name;
    if (typeof named === "string") return named;
    return Object.entries(value).map(([k, v]) => `${k}: ${plain(v)}`).join("; ");
  }
  return String(value);
}
