/** A reader (read-only role) sees the tab; a change is refused with plain words, not a broken page. */
import { leakedSecrets, type SignedInPage } from "../../support/browser";
import { addThroughDialog, HYBRID, openTab, startE2E, waitForBadge, type E2E, secretsOf, unexpectedErrors } from "./tab-page";

jest.setTimeout(90_000);

let e2e: E2E;
let tab: SignedInPage;

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.stack.addRegistration();
  tab = await openTab(e2e, { token: e2e.stack.host.readerToken });
});

afterAll(async () => {
  await tab?.close();
  await e2e?.stop();
});

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
