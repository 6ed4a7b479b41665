/** de_DE: the host chooses German through the lang attribute; every label and date follows. */
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
