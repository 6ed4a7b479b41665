/**
 * The Management Site shell: header (Menu button below 768 px, Sign out), *Settings* menu (every manifest's settings
 * tabs by weight, then the host's *System Operations*), and the page body, in the host's language (`ECS_LANGUAGE`).
 * Styles are inline `<style>` (allowed by the CSP's style-src); scripts only as files (/host-assets/shell.js folds
 * the menu) — there is no inline script anywhere.
 */
import { escapeHtml } from "../http-util";
import { hostTexts } from "../i18n/host-texts";
import { hostAssetUrl } from "../host-assets";
import { SHELL_STYLE } from "./layout-style";

export interface MenuItem {
  title: string;
  href: string;
}

export interface PageOptions {
  title: string;
  body: string;
  /** Menu entries; omitted on the login page. */
  menu?: MenuItem[];
  /** Path of the current page, to mark the active menu entry. */
  current?: string;
  /** Module scripts (same-origin URLs) the page loads. */
  moduleScripts?: string[];
  /** Shown in the header when signed in. */
  signedInAs?: string;
  /** The page's language (host setting `ECS_LANGUAGE`). Default en-GB. */
  lang?: string;
}

/** A complete HTML document. */
export function renderPage(options: PageOptions): string {
  const text = hostTexts(options.lang);
  const modules = [...(options.menu ? [hostAssetUrl("shell.js")] : []), ...(options.moduleScripts ?? [])];
  const scripts = modules.map((src) => `<script type="module" src="${escapeHtml(src)}"></script>`).join("\n");
  const menuButton = options.menu
    ? `<button class="menu-button" type="button" aria-expanded="false" aria-controls="site-nav" hidden>☰ ${escapeHtml(text.menu)}</button>`
    : "";
  return `<!doctype html>
<html lang="${escapeHtml(options.lang ?? "en-GB")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · ${escapeHtml(text.siteTitle)}</title>
<style>${SHELL_STYLE}</style>
${scripts}
</head>
<body>
${options.menu ? `<a class="skip-link" href="#main">${escapeHtml(text.skipToContent)}</a>` : ""}
<header>${menuButton}<h1>${escapeHtml(text.siteTitle)}</h1>${options.signedInAs ? signOut(options.signedInAs, options.lang) : ""}</header>
${options.menu ? `<div class="layout">${renderMenu(options.menu, options.current, options.lang)}<main id="main" tabindex="-1">${options.body}</main></div>` : `<main id="main" tabindex="-1">${options.body}</main>`}
</body>
</html>`;
}

function signOut(who: string, lang: string | undefined): string {
  const text = hostTexts(lang);
  return `<a class="explorer-link" href="/graphql/explorer">${escapeHtml(text.explorerTitle)}</a><form method="post" action="/logout"><span class="who">${escapeHtml(who)}</span> <button type="submit">${escapeHtml(text.signOut)}</button></form>`;
}

function renderMenu(items: MenuItem[], current: string | undefined, lang: string | undefined): string {
  const heading = hostTexts(lang).settings;
  const links = items
    .map((item) => `<a href="${escapeHtml(item.href)}"${item.href === current ? ' aria-current="page"' : ""}>${escapeHtml(item.title)}</a>`)
    .join("\n");
  return `<nav id="site-nav" aria-label="${escapeHtml(heading)}"><h2>${escapeHtml(heading)}</h2>\n${links}\n</nav>`;
}
