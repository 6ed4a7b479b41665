/** The API explorer's page: GraphiQL filling the window below a slim header with a way back to the settings. */
import { escapeHtml } from "../http-util";
import { hostTexts } from "../i18n/host-texts";

const STYLE = `
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
  header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .4rem 1rem; background: #0b3d91; color: #fff; }
  header h1 { font-size: 1rem; margin: 0; flex: 1; }
  header a { color: #fff; }
  #graphiql { flex: 1; min-height: 0; }
`;

export function renderExplorerPage(scriptUrl: string, styleUrl: string, lang = "en-GB"): string {
  const text = hostTexts(lang);
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(text.explorerTitle)} · ${escapeHtml(text.siteTitle)}</title>
<link rel="stylesheet" href="${escapeHtml(styleUrl)}">
<style>${STYLE}</style>
<script type="module" src="${escapeHtml(scriptUrl)}"></script>
</head>
<body>
<header><h1>${escapeHtml(text.explorerTitle)}</h1><a href="/settings">${escapeHtml(text.explorerBack)}</a></header>
<main id="graphiql" aria-label="${escapeHtml(text.explorerTitle)}"></main>
</body>
</html>`;
}
