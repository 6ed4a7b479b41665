/** Settings pages: a plugin tab mounting its custom element, and the host's System Operations list. */
import type { SystemOperationInfo } from "../../contract";
import { escapeHtml } from "../http-util";
import { renderPage, type MenuItem } from "./layout";

export interface TabPage {
  title: string;
  element: string;
  scriptUrl?: string;
}

/** The shell with the tab's element mounted (`<azure-relay-settings lang="en-GB">`). */
export function renderTabPage(tab: TabPage, menu: MenuItem[], current: string, signedInAs: string): string {
  return renderPage({
    title: tab.title,
    menu,
    current,
    signedInAs,
    moduleScripts: tab.scriptUrl ? [tab.scriptUrl] : [],
    body: `<${tab.element} lang="en-GB"></${tab.element}>`,
  });
}

/** Server-rendered list of system operations (run them through GraphQL `runSystemOperation`). */
export function renderSystemOperationsPage(operations: SystemOperationInfo[], menu: MenuItem[], current: string, signedInAs: string): string {
  const rows = operations
    .map((op) => `<li><h3>${escapeHtml(op.title)}</h3><p>${escapeHtml(op.description)}</p><p><small>id: <code>${escapeHtml(op.id)}</code> · permission: <code>${escapeHtml(op.permission)}</code>${op.confirm ? " · asks for confirmation" : ""}</small></p></li>`)
    .join("\n");
  return renderPage({
    title: "System Operations",
    menu,
    current,
    signedInAs,
    body: `<h2>System Operations</h2>${operations.length ? `<ul>${rows}</ul>` : "<p>No plugin contributes a system operation.</p>"}`,
  });
}

/** A small page for 404 and 403 inside the shell. */
export function renderMessagePage(title: string, message: string, menu: MenuItem[], signedInAs: string): string {
  return renderPage({ title, menu, signedInAs, body: `<h2>${escapeHtml(title)}</h2><p>${escapeHtml(message)}</p>` });
}
