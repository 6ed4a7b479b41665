/** The sign-in page: a card with one field labelled "Access token" and a "Sign in" button, in the host's language. */
import { escapeHtml } from "../http-util";
import { hostTexts } from "../i18n/host-texts";
import { renderPage } from "./layout";

/** The login page, with `error` shown above the form when given. */
export function renderLoginPage(error?: string, lang?: string): string {
  const text = hostTexts(lang);
  const message = error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : "";
  return renderPage({
    lang,
    title: text.signInTitle,
    body: `<div class="card login">
<h2>${escapeHtml(text.signInTitle)}</h2>
${message}
<form method="post" action="/login">
<label for="token">${escapeHtml(text.accessToken)}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<div><button class="button" type="submit">${escapeHtml(text.signInButton)}</button></div>
</form>
<p class="muted">${escapeHtml(text.signInHint)}</p>
</div>`,
  });
}
