/** de_DE: the host chooses German through the lang attribute; every label, date and server message follows. */
import * as net from "node:net";
import { leakedSecrets, type SignedInPage } from "../../support/browser";
import { computed, HYBRID, openDetail, row, setLang, setTheme, waitForBadge, type E2E, secretsOf, unexpectedErrors, useTab } from "./tab-page";

jest.setTimeout(90_000);

let e2e: E2E;
let tab: SignedInPage;

useTab({ open: { locale: "de-DE" } }, (started) => ({ e2e, tab } = started));

test("lang=de-DE shows German labels", async () => {
  const { page } = tab;
  // The reference host mounts lang="en-GB"; a German host would write de-DE. The element follows a change at once.
  await setLang(page, "de-DE");
  await page.getByRole("heading", { name: "Noch keine Relay-Registrierungen" }).waitFor();
  await page.getByRole("button", { name: "Caches der Consumer-Websites leeren" }).waitFor();
  await page.getByRole("button", { name: "Relay-Registrierung hinzufügen" }).click();
  const dialog = page.getByRole("dialog", { name: "Azure-Relay-Registrierung hinzufügen" });
  // A server problem (the check of a string without its key) reads wholly in German: from its code and params.
  await dialog.getByLabel("Verbindungszeichenfolge").fill(e2e.stack.listenConnectionString.replace(/;?SharedAccessKey=[^;]*/, ""));
  const problem = dialog.getByText("SharedAccessKey fehlt — ergänzen Sie den primären Schlüssel der Richtlinie (oder geben Sie statt eines Schlüssels eine SharedAccessSignature an)");
  await problem.waitFor({ timeout: 5_000 });
  expect(await dialog.innerText()).not.toMatch(/is missing|SharedAccessKey is|Primary key/);
  await tab.screenshot("language--de-problem");
  await dialog.getByLabel("Verbindungszeichenfolge").fill(e2e.stack.listenConnectionString);
  await dialog.getByText(/Sieht gut aus: Schlüssel ecs-core-listen/).waitFor({ timeout: 5_000 });
  // No EntityPath in the string: the field says at once that it is required, in German.
  await dialog.getByText(/^Erforderlich: Die Verbindungszeichenfolge nennt keine Hybridverbindung/).waitFor();
  await dialog.getByLabel("Hybridverbindung (erforderlich)").fill(HYBRID);
  await tab.screenshot("language--de-dialog");
  await dialog.getByRole("button", { name: "Azure-Relay-Registrierung hinzufügen" }).click();
  await waitForBadge(page, HYBRID, "ONLINE");
  expect(await page.locator("azure-relay-overview .summary").innerText()).toMatch(/1 Online/);
  await page.locator("azure-relay-overview").getByRole("columnheader", { name: "Letzte Änderung" }).waitFor();
  await openDetail(page, HYBRID);
  const card = await row(page, HYBRID).locator("article").innerText();
  expect(card).toContain("Hybridverbindung");
  expect(card).toContain("Schlüssel");
  expect(await row(page, HYBRID).locator("azure-relay-status-badge .since").innerText()).toMatch(/^geändert (jetzt|vor \d+ Sekunden)/);
  await row(page, HYBRID).getByRole("button", { name: `Bearbeiten ${HYBRID}` }).waitFor();
  await tab.screenshot("language--de-tab");
});

test("a listener's lastError reads in German, its values from RelayError.params (not from the English)", async () => {
  const { page } = tab;
  const { body } = await e2e.stack.host.gql("{ relayRegistrations { id } }");
  const id = (body as { data: { relayRegistrations: Array<{ id: string }> } }).data.relayRegistrations[0]!.id;
  const deadTarget = await closedPort();
  const update = await e2e.stack.host.gql(`mutation($id: ID!, $input: UpdateRelayRegistrationInput!) { updateRelayRegistration(id: $id, input: $input) { id } }`, {
    id,
    input: { targetUrl: deadTarget, targetHealth: { intervalMs: 150, timeoutMs: 100, failures: 2 } },
  });
  expect((update.body as { errors?: unknown }).errors).toBeUndefined();
  await waitForBadge(page, HYBRID, "DEGRADED");
  await openDetail(page, HYBRID);
  const error = row(page, HYBRID).locator("azure-relay-status-badge .error");
  await error.getByText(`der lokale Dienst unter ${deadTarget} antwortet nicht`, { exact: false }).waitFor();
  const text = await error.innerText();
  expect(text).toMatch(/\(HEAD \/ fehlgeschlagen: ECONNREFUSED; fehlgeschlagene Prüfungen in Folge: \d+\)/);
  expect(text).toContain("Starten Sie den Dienst oder korrigieren Sie die Ziel-URL.");
  expect(text).not.toMatch(/does not answer|failed|Start the service/);
  await tab.screenshot("language--de-last-error");
  // Back to a live target: the tab leaves DEGRADED by itself (the ONLINE status is newer, not the listener's older one).
  await e2e.stack.host.gql(`mutation($id: ID!, $input: UpdateRelayRegistrationInput!) { updateRelayRegistration(id: $id, input: $input) { id } }`, {
    id,
    input: { targetUrl: e2e.stack.sample.url },
  });
  await waitForBadge(page, HYBRID, "ONLINE");
});

/** A loopback URL nobody listens on (a port just freed). */
async function closedPort(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}

test("en-GB is the default", async () => {
  const { page } = tab;
  await setLang(page, null);
  // Without the attribute the document's language decides: the shell says en-GB.
  await page.getByRole("button", { name: "Add Relay Registration" }).waitFor();
});

test("the host's CSS custom properties theme the tab", async () => {
  const { page } = tab;
  const add = page.getByRole("button", { name: "Add Relay Registration" });
  expect(await computed(add, "background-color")).toBe("rgb(11, 92, 173)"); // the default primary colour
  await setTheme(page, { "--azure-relay-color-primary": "rgb(120, 20, 90)", "--azure-relay-font": "serif", "--azure-relay-radius": "0px" });
  expect(await computed(add, "background-color")).toBe("rgb(120, 20, 90)");
  expect(await computed(add, "border-top-left-radius")).toBe("0px");
  expect(await computed(add, "font-family")).toMatch(/^serif/);
  await tab.screenshot("language--themed");
});

test("nothing secret reached the console, and no console errors", () => {
  expect(leakedSecrets(tab.console, secretsOf(e2e))).toEqual([]);
  expect(unexpectedErrors(tab)).toEqual([]);
});
