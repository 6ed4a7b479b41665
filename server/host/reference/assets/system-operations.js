// System Operations without leaving the page: Run → (confirmation step when the operation asks) → progress →
// the host's readable outcome (an HTML fragment rendered by the same code as the script-less page) above the list.
// The fetch is same-origin with the session cookie; the host checks Sec-Fetch-Site like for the plain form.
const outcome = document.getElementById("operation-outcome");

for (const card of document.querySelectorAll("section.card[data-confirm]")) {
  const form = card.querySelector("form");
  if (!form) continue;
  const needsConfirm = card.dataset.confirm === "true";
  const runButton = form.querySelector('button[type="submit"]');
  const confirmStep = form.querySelector(".confirm-step");
  const progress = form.querySelector(".progress");
  const networkError = form.querySelector(".network-error");
  // The confirmation step replaces the tick box (kept for the script-less form).
  const check = form.querySelector("label.check");
  if (check) {
    check.hidden = true;
    check.querySelector("input").required = false;
  }

  const busy = (on) => {
    progress.hidden = !on;
    runButton.disabled = on;
    form.setAttribute("aria-busy", String(on));
  };

  const run = async () => {
    if (confirmStep) confirmStep.hidden = true;
    networkError.hidden = true;
    busy(true);
    try {
      const response = await fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Requested-With": "fetch" },
        body: needsConfirm ? "confirm=yes" : "",
      });
      outcome.innerHTML = await response.text();
      outcome.querySelector("[tabindex='-1']")?.focus();
    } catch {
      networkError.hidden = false;
    } finally {
      busy(false);
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!needsConfirm) return void run();
    confirmStep.hidden = false;
    confirmStep.querySelector('[data-action="confirm"]').focus();
  });
  confirmStep?.querySelector('[data-action="confirm"]').addEventListener("click", run);
  confirmStep?.querySelector('[data-action="cancel"]').addEventListener("click", () => {
    confirmStep.hidden = true;
    runButton.focus();
  });
}
