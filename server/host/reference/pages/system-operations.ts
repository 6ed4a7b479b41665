/**
 * *Settings > System Operations*: a card per registered operation. With script (/host-assets/system-operations.js)
 * Run asks for confirmation in the card, shows progress and puts the readable outcome above the list without leaving
 * the page; without script the plain form posts (operations marked `confirm` then need a ticked box) and the page
 * comes back with the outcome. Callers without the permission see why they cannot run it.
 */
import type { SystemOperationInfo } from "../../contract";
import { escapeHtml } from "../http-util";
import { hostAssetUrl } from "../host-assets";
import { fill, hostTexts, type HostTexts } from "../i18n/host-texts";
import { renderPage, type MenuItem } from "./layout";
import { renderOutcome, type OperationOutcome } from "./operation-result";
import { localisedOperation, operationTexts } from "./operation-texts";

export { renderOutcome, type OperationOutcome };
export { localisedOperation, operationTexts };

export interface OperationView extends SystemOperationInfo {
  /** Whether the signed-in caller holds the operation's permission. */
  allowed: boolean;
}

/** The page, with `outcome` shown above the list after a (script-less) run. */
export function renderSystemOperationsPage(operations: OperationView[], menu: MenuItem[], current: string, signedInAs: string, outcome?: OperationOutcome, lang?: string): string {
  const text = hostTexts(lang);
  const shownOps = operations.map((op) => localisedOperation(op, lang));
  const list = shownOps.length ? shownOps.map((op) => renderOperation(op, text)).join("\n") : `<p>${escapeHtml(text.opsNone)}</p>`;
  const texts = outcome && operationTexts(operations.find((op) => op.id === outcome.id)?.texts, lang);
  const shown = outcome ? renderOutcome(outcome, operationTitle(shownOps, outcome.id), text, texts) : "";
  return renderPage({
    lang,
    title: text.systemOperations,
    menu,
    current,
    signedInAs,
    moduleScripts: [hostAssetUrl("system-operations.js")],
    body: `<h2>${escapeHtml(text.systemOperations)}</h2>
<p class="muted">${escapeHtml(text.opsIntro)}</p>
<div id="operation-outcome" aria-live="polite">${shown}</div>
<div class="operations">${list}</div>`,
  });
}

/** The operation's title for `id` (the id itself when it is not registered). */
export function operationTitle(operations: SystemOperationInfo[], id: string): string {
  return operations.find((op) => op.id === id)?.title ?? id;
}

function renderOperation(op: OperationView, text: HostTexts): string {
  const title = escapeHtml(op.title);
  const body = op.allowed ? renderRunForm(op, title, text) : `<p class="muted"><small>${fill(escapeHtml(text.opsNeedsPermission), { permission: `<code>${escapeHtml(op.permission)}</code>` })}</small></p>`;
  return `<section class="card" data-confirm="${op.confirm ? "true" : "false"}" id="op-${escapeHtml(op.id)}" aria-labelledby="op-${escapeHtml(op.id)}-title"><h3 id="op-${escapeHtml(op.id)}-title">${title}</h3><p>${escapeHtml(op.description)}</p>${body}</section>`;
}

function renderRunForm(op: OperationView, title: string, text: HostTexts): string {
  const check = op.confirm ? `<label class="check"><input type="checkbox" name="confirm" value="yes" required> ${fill(escapeHtml(text.opsConfirmLabel), { title })}</label>` : "";
  const confirmStep = op.confirm
    ? `<div class="confirm-step" role="group" aria-label="${fill(escapeHtml(text.opsConfirmQuestion), { title })}" hidden><p>${fill(escapeHtml(text.opsConfirmQuestion), { title })}</p>
<div class="actions"><button class="button danger" type="button" data-action="confirm">${escapeHtml(text.opsConfirmYes)}</button><button class="button secondary" type="button" data-action="cancel">${escapeHtml(text.opsCancel)}</button></div></div>`
    : "";
  return `<form method="post" action="/settings/system-operations/${encodeURIComponent(op.id)}">
${check}
<div class="actions"><button class="button" type="submit" aria-label="${fill(escapeHtml(text.opsRunLabel), { title })}">${escapeHtml(text.opsRun)}</button></div>
${confirmStep}
<p class="progress" hidden><span class="spinner" aria-hidden="true"></span><span>${fill(escapeHtml(text.opsRunning), { title })}</span></p>
<p class="error network-error" role="alert" hidden>${escapeHtml(text.opsNetworkError)}</p>
</form>`;
}
