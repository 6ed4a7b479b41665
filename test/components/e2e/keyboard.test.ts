/** The whole add flow by keyboard alone: Tab to the button, Enter, paste, Tab through, Enter; focus comes back; focus is visible. */
import type { Page } from "playwright-core";
import { leakedSecrets, type SignedInPage } from "../../support/browser";
import { focused, HYBRID, waitForBadge, type E2E, type Focused, secretsOf, unexpectedErrors, useTab } from "./tab-page";

jest.setTimeout(90_000);

let e2e: E2E;
let tab: SignedInPage;

useTab({}, (started) => ({ e2e, tab } = started));

async function tabUntil(page: Page, match: (f: Focused) => boolean, max = 25): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (f && match(f)) return f;
  }
  throw new Error(`focus never reached the wanted control (last: ${JSON.stringify(await focused(page))})`);
}

test("add a registration with the keyboard alone", async () => {
  const { page } = tab;
  await page.getByText("No relay registrations yet").waitFor();
  const add = await tabUntil(page, (f) => f.tag === "button" && f.label === "Add Relay Registration");
  expect(add.outline).not.toBe("none"); // visible focus
  await page.keyboard.press("Enter");
  await page.getByRole("dialog", { name: "Add Azure Relay registration" }).waitFor();
  // The dialog opens with the connection-string field focused: paste straight away.
  expect(await focused(page)).toMatchObject({ tag: "textarea", label: "Connection string" });
  await page.keyboard.insertText(e2e.stack.listenConnectionString);
  await tabUntil(page, (f) => /^Hybrid connection/.test(f.label), 5);
  await page.keyboard.type(HYBRID);
  const save = await tabUntil(page, (f) => f.tag === "button" && f.label === "Add Azure Relay Registration", 5);
  expect(save.outline).not.toBe("none");
  await tab.screenshot("keyboard--save-focused");
  await page.keyboard.press("Enter");
  await waitForBadge(page, HYBRID, "ONLINE");
  expect(await page.getByRole("dialog").count()).toBe(0);
  // Focus is on the new row (highlighted), from where Enter opens its detail.
  expect((await focused(page))?.tag).toBe("tr");
  expect((await focused(page))?.label).toMatch(new RegExp(`^${HYBRID}`));
});

test("Escape closes the dialog and returns focus", async () => {
  const { page } = tab;
  await page.getByRole("button", { name: "Add Relay Registration" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("dialog", { name: "Add Azure Relay registration" }).waitFor();
  await page.keyboard.press("Escape");
  expect(await page.getByRole("dialog").count()).toBe(0);
  expect(await focused(page)).toMatchObject({ tag: "button", label: "Add Relay Registration" });
});

test("nothing secret reached the console, and no console errors", () => {
  expect(leakedSecrets(tab.console, secretsOf(e2e))).toEqual([]);
  expect(unexpectedErrors(tab)).toEqual([]);
});
