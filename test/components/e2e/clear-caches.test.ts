/** Clear consumer website caches from the tab: asks first, then shows what was done. */
import { leakedSecrets, type SignedInPage } from "../../support/browser";
import { HYBRID, waitForBadge, type E2E, secretsOf, unexpectedErrors, useTab } from "./tab-page";

jest.setTimeout(90_000);

let e2e: E2E;
let tab: SignedInPage;

useTab({ withRegistration: true, ready: ({ tab }) => waitForBadge(tab.page, HYBRID, "ONLINE") }, (started) => ({ e2e, tab } = started));

test("cancelling the confirmation does nothing", async () => {
  const { page } = tab;
  await page.getByRole("button", { name: "Clear consumer website caches" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Clear consumer website caches?" });
  await confirm.waitFor();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  expect(await page.getByText(/^Cleared \d+ consumer caches/).count()).toBe(0);
});

test("confirming clears the caches, restarts the listener and shows the report", async () => {
  const { page } = tab;
  await page.getByRole("button", { name: "Clear consumer website caches" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Clear consumer website caches?" });
  await confirm.getByRole("button", { name: "Clear caches" }).click();
  const report = page.getByRole("status").filter({ hasText: /Cleared \d+ consumer caches \(\d+ entries\) and restarted 1 of 1 relay listeners in [\d.]+ ms\./ });
  await report.waitFor({ timeout: 15_000 });
  await tab.screenshot("clear-caches--report");
  await waitForBadge(page, HYBRID, "ONLINE", 15_000);
});

test("the same operation runs from Settings > System Operations, and the tab's listener comes back", async () => {
  const { page } = tab;
  await page.goto("/settings/system-operations");
  const operation = page.getByRole("region", { name: "Clear consumer website caches" });
  await operation.getByRole("button", { name: "Run Clear consumer website caches" }).click();
  await operation.getByRole("button", { name: "Yes, run it" }).click(); // the page's confirmation step
  const result = page.getByRole("status").filter({ hasText: "Clear consumer website caches: done" });
  await result.waitFor({ timeout: 15_000 });
  // Readable: how long, which listeners restarted; no JSON.
  await expect(result.innerText()).resolves.toMatch(/in [\d.]+ ms\.[\s\S]*Relay listener .+: restarted/);
  expect(await result.innerText()).not.toMatch(/[{}]/);
  await tab.screenshot("clear-caches--system-operations");
  await page.goto("/settings/azure-relay");
  await waitForBadge(page, HYBRID, "ONLINE", 15_000);
});

test("nothing secret reached the console, and no console errors", () => {
  expect(leakedSecrets(tab.console, secretsOf(e2e))).toEqual([]);
  expect(unexpectedErrors(tab)).toEqual([]);
});
