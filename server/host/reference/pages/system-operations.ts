/**
 * *Settings > System Operations*: every registered operation with a Run form (plain HTML, no script).
 * Operations marked `confirm` need a ticked confirmation box; callers without the permission see why
 * they cannot run it. After a run the page shows the operation's summary and details.
 */
import type { SystemOperationInfo, SystemOperationResult } from "../../contract";
import { escapeHtml } from "../http-util";
import { renderPage, type MenuItem } from "./layout";

export interface OperationView extends SystemOperationInfo {
  /** Whether the signed-in caller holds the operation's permission. */
  allowed: boolean;
}

export interface OperationOutcome {
  id: string;
  result?: SystemOperationResult;
  /** Why the run did not happen (refused, failed, not confirmed). */
  error?: string;
}

/** The page, with `outcome` shown above the list after a run. */
export function renderSystemOperationsPage(operations: OperationView[], menu: MenuItem[], current: string, signedInAs: string, outcome?: OperationOutcome): string {
  const list = operations.length ? `<ul class="operations">${operations.map(renderOperation).join("\n")}</ul>` : "<p>No plugin contributes a system operation.</p>";
  return renderPage({ title: "System Operations", menu, current, signedInAs, body: `<h2>System Operations</h2>\n${outcome ? renderOutcome(outcome, operations) : ""}\n${list}` });
}

function renderOperation(op: OperationView): string {
  const id = escapeHtml(op.id);
  const title = escapeHtml(op.title);
  const form = op.allowed
    ? `<form method="post" action="/settings/system-operations/${encodeURIComponent(op.id)}">
${op.confirm ? `<label><input type="checkbox" name="confirm" value="yes" required> I understand what “${title}” does</label>` : ""}
<div><button class="button" type="submit" aria-label="Run ${title}">Run</button></div>
</form>`
    : `<p><small>Needs the permission <code>${escapeHtml(op.permission)}</code>.</small></p>`;
  return `<li id="op-${id}"><h3>${title}</h3><p>${escapeHtml(op.description)}</p>${form}</li>`;
}

function renderOutcome(outcome: OperationOutcome, operations: OperationView[]): string {
  const title = escapeHtml(operations.find((op) => op.id === outcome.id)?.title ?? outcome.id);
  if (outcome.error || !outcome.result) {
    return `<div class="error" role="alert"><h3>${title} did not run</h3><p>${escapeHtml(outcome.error ?? "unknown error")}</p></div>`;
  }
  const details = outcome.result.details === undefined ? "" : `<pre>${escapeHtml(JSON.stringify(outcome.result.details, null, 2))}</pre>`;
  const heading = outcome.result.ok ? `${title}: done` : `${title}: finished with problems`;
  return `<div role="status"><h3>${heading}</h3><p>${escapeHtml(outcome.result.summary)}</p>${details}</div>`;
}
