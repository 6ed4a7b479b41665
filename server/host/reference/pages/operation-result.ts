/**
 * A system operation's outcome as readable HTML (no JSON): the summary, then what it did — the operation's `lines`
 * when it gives them, else its details as a definition list of plain values. Summary and lines are shown in the host's
 * language when the operation gave texts for their codes (operation-texts.ts).
 */
import type { SystemOperationResult, SystemOperationTexts } from "../../contract";
import { escapeHtml } from "../http-util";
import { fill, type HostTexts } from "../i18n/host-texts";
import { messageText } from "./operation-texts";

export interface OperationOutcome {
  id: string;
  result?: SystemOperationResult;
  /** Why the run did not happen (refused, failed, not confirmed). */
  error?: string;
}

/** The outcome card; `title` is the operation's title, `texts` its texts in the host's language. Focusable so the page can move focus to it after a run. */
export function renderOutcome(outcome: OperationOutcome, title: string, text: HostTexts, texts?: SystemOperationTexts): string {
  const name = escapeHtml(title);
  if (outcome.error || !outcome.result) {
    return `<div class="card outcome-problem" role="alert" tabindex="-1"><h3>${fill(text.opsDidNotRun, { title: name })}</h3><p>${escapeHtml(outcome.error ?? text.opsFailed)}</p></div>`;
  }
  const { result } = outcome;
  const heading = fill(result.ok ? text.opsDone : text.opsProblems, { title: name });
  const summary = result.summaryMessage ? messageText(result.summaryMessage, texts) : result.summary;
  const body = result.lines?.length ? renderLines(result, text, texts) : renderDetails(result.details, text);
  return `<div class="card ${result.ok ? "outcome-ok" : "outcome-problem"}" role="status" tabindex="-1"><h3>${heading}</h3><p>${escapeHtml(summary)}</p>${body}</div>`;
}

function renderLines(result: SystemOperationResult, text: HostTexts, texts: SystemOperationTexts | undefined): string {
  const items = (result.lines ?? []).map((line) => `<li>${escapeHtml(messageText(line, texts))}</li>`).join("");
  return `<h4>${escapeHtml(text.opsDetails)}</h4><ul class="result-list">${items}</ul>`;
}

function renderDetails(details: unknown, text: HostTexts): string {
  if (details === undefined || details === null) return "";
  if (typeof details !== "object") return `<p>${escapeHtml(String(details))}</p>`;
  const rows = Object.entries(details as Record<string, unknown>)
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(plain(value))}</dd>`)
    .join("");
  return `<h4>${escapeHtml(text.opsDetails)}</h4><dl>${rows}</dl>`;
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
