/** The sign-in page: one field labelled "Access token" and a "Sign in" button. */
import { escapeHtml } from "../http-util";
import { renderPage } from "./layout";

/** The login page, with `error` shown above the form when given. */
export function renderLoginPage(error?: string): string {
  const message = error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : "";
  return renderPage({
    title: "Sign in",
    body: `<h2>Sign in</h2>
${message}
<form method="post" action="/login">
<label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<div><button class="button" type="submit">Sign in</button></div>
</form>
<p>Use the admin or reader token the host printed at its first start (or the files in its data folder).</p>`,
  });
}
