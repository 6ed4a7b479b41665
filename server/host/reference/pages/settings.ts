/** Settings pages: a plugin tab mounting its custom element; a message page inside the shell. */
import { escapeHtml } from "../http-util";
import { renderPage, type MenuItem } from "./layout";

export interface TabPage {
  title: string;
  element: string;
  scriptUrl?: string;
}

/** The shell with the tab's element mounted in the host's language (`<azure-relay-settings lang="en-GB">`). */
export function renderTabPage(tab: TabPage, menu: MenuItem[], current: string, signedInAs: string, lang = "en-GB"): string {
  return renderPage({
    lang,
    title: tab.title,
    menu,
    current,
    signedInAs,
    moduleScripts: tab.scriptUrl ? [tab.scriptUrl] : [],
    body: `<${tab.element} lang="${escapeHtml(lang)}"></${tab.element}>`,
  });
}

/** A small page for 404 and 403 inside the shell. */
export function renderMessagePage(title: string, message: string, menu: MenuItem[], signedInAs: string, lang?: string): string {
  return renderPage({ title, menu, signedInAs, lang, body: `<h2>${escapeHtml(title)}</h2><p>${escapeHtml(message)}</p>` });
}
