/**
 * The Management Site shell: header, *Settings* menu (every manifest's settings tabs by weight, then
 * the host's *System Operations*), and the page body. Styles are inline `<style>` (allowed by the
 * CSP's style-src); there is no inline script anywhere.
 */
import { escapeHtml } from "../http-util";

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

const STYLE = `
  body { margin: 0; font-family: system-ui, sans-serif; color: #1f2933; background: #f5f7fa; }
  header { display: flex; align-items: center; justify-content: space-between; padding: .75rem 1.5rem; background: #0b3d91; color: #fff; }
  header h1 { font-size: 1.1rem; margin: 0; }
  header form { margin: 0; }
  header button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px; padding: .25rem .75rem; cursor: pointer; }
  .layout { display: flex; min-height: calc(100vh - 3rem); }
  nav { width: 14rem; background: #fff; border-right: 1px solid #d9e2ec; padding: 1rem 0; }
  nav h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: #627d98; margin: 0 1.5rem .5rem; }
  nav a { display: block; padding: .4rem 1.5rem; color: #243b53; text-decoration: none; }
  nav a[aria-current="page"] { background: #e6f0ff; font-weight: 600; }
  main { flex: 1; padding: 1.5rem 2rem; }
  .error { color: #b00020; }
  label { display: block; margin: .5rem 0 .25rem; }
  input[type=password] { width: 22rem; max-width: 100%; padding: .4rem; }
  .button { margin-top: .75rem; padding: .4rem 1rem; }
`;

/** A complete HTML document. */
export function renderPage(options: PageOptions): string {
  const scripts = (options.moduleScripts ?? []).map((src) => `<script type="module" src="${escapeHtml(src)}"></script>`).join("\n");
  return `<!doctype html>
<html lang="${escapeHtml(options.lang ?? "en-GB")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · ECS Core Management Site</title>
<style>${STYLE}</style>
${scripts}
</head>
<body>
<header><h1>ECS Core Management Site</h1>${options.signedInAs ? signOut(options.signedInAs) : ""}</header>
${options.menu ? `<div class="layout">${renderMenu(options.menu, options.current)}<main>${options.body}</main></div>` : `<main>${options.body}</main>`}
</body>
</html>`;
}

function signOut(who: string): string {
  return `<form method="post" action="/logout"><span>${escapeHtml(who)}</span> <button type="submit">Sign out</button></form>`;
}

function renderMenu(items: MenuItem[], current: string | undefined): string {
  const links = items
    .map((item) => `<a href="${escapeHtml(item.href)}"${item.href === current ? ' aria-current="page"' : ""}>${escapeHtml(item.title)}</a>`)
    .join("\n");
  return `<nav aria-label="Settings"><h2>Settings</h2>\n${links}\n</nav>`;
}
