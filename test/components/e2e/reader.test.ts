/** A reader (read-only role) sees the tab; a change is refused with plain words, not a broken page. */
import { leakedSecrets, type SignedInPage } from "../../support/browser";
import { addThroughDialog, HYBRID, waitForBadge, type E2E, secretsOf, unexpectedErrors, useTab } from "./tab-page";

jest.setTimeout(90_000);

let e2e: E2E;
let tab: SignedInPage;

useTab({ withRegistration: true, open: (started) => ({ token: started.stack.host.readerToken }) }, (started) => ({ e2e, tab } = started));

test("a reader sees the registrations live", async () => {
  await waitForBadge(tab.page, HYBRID, "ONLINE");
});

test("a reader's change is refused in plain words", async () => {
  const { page } = tab;
  await addThroughDialog(page, e2e.stack.listenConnectionString, { hybrid: "other" });
  await page.getByRole("dialog").getByText("You are not allowed to do this — ask an administrator.").waitFor();
  await tab.screenshot("reader--forbidden");
  await page.keyboard.press("Escape");
});

test("nothing secret reached the console, and no console errors", () => {
  expect(leakedSecrets(tab.console, secretsOf(e2e))).toEqual([]);
  expect(unexpectedErrors(tab)).toEqual([]);
});
