/**
 * The overview: summary line and order with mixed states (failing first), the text and state filters, keyboard
 * navigation into the detail panel, the detail's own URL surviving a reload, *Retry now* on a listener waiting
 * after a fatal error, and axe-core on the overview, the detail and every dialog.
 */
import * as path from "node:path";
import type { Page } from "playwright-core";
import { leakedSecrets, saveScreenshot, type SignedInPage } from "../../support/browser";
import {
  backToOverview,
  badge,
  focused,
  HYBRID,
  openDetail,
  row,
  secretsOf,
  seriousA11yViolations,
  tableNames,
  tableRow,
  TAB,
  unexpectedErrors,
  useTab,
  waitForBadge,
  type E2E,
} from "./tab-page";

jest.setTimeout(120_000);

let e2e: E2E;
let tab: SignedInPage;
const MISSING_HC = "arrives-later";

useTab(
  {
    dismissDialogsAfterEach: true,
    ready: async ({ e2e: started }) => {
      // Mixed states: one ONLINE, one NOT_FOUND (its hybrid connection does not exist yet: a fatal error, long wait), one DISABLED.
      await started.stack.addRegistration({ name: HYBRID });
      await started.stack.addRegistration({ name: "waiting", hybridConnectionName: MISSING_HC });
      await started.stack.addRegistration({ name: "paused", hybridConnectionName: "paused-hc", enabled: false });
    },
  },
  (started) => ({ e2e, tab } = started),
);

const summary = (page: Page) => page.locator("azure-relay-overview .summary");

test("the summary counts every state and the table puts the failing registration first", async () => {
  const { page } = tab;
  await waitForBadge(page, "waiting", "NOT_FOUND");
  await waitForBadge(page, HYBRID, "ONLINE");
  await waitForBadge(page, "paused", "DISABLED");
  const text = await summary(page).innerText();
  expect(text).toMatch(/1 Not found/);
  expect(text).toMatch(/1 Online/);
  expect(text).toMatch(/1 Disabled/);
  expect(text).toMatch(/0 Failed/);
  expect(await tableNames(page)).toEqual(["waiting", HYBRID, "paused"]);
  // The Azure caveat is not repeated per row: the table has no Azure column, and the caveat is nowhere on the overview.
  expect(await page.locator("azure-relay-azure-summary").count()).toBe(0);
  await tab.screenshot("overview--mixed-states");
  if (process.env.UPDATE_DOCS_SCREENSHOTS === "1") await saveScreenshot(page, "azure-relay-tab", path.resolve(__dirname, "../../../docs/screenshots/azure-relay-tab.png"));
});

test("the text filter and the state filter narrow the table; a summary count filters by its state", async () => {
  const { page } = tab;
  const filter = page.getByLabel("Filter by name, hybrid connection or target");
  await filter.fill(MISSING_HC);
  expect(await tableNames(page)).toEqual(["waiting"]);
  await filter.fill("nothing-like-this");
  await page.getByText("No registration matches the filter.").waitFor();
  await filter.fill("");
  await page.getByLabel("State", { exact: true }).selectOption({ label: "Disabled" });
  expect(await tableNames(page)).toEqual(["paused"]);
  await page.getByLabel("State", { exact: true }).selectOption({ label: "All states" });
  expect(await tableNames(page)).toHaveLength(3);
  await summary(page).getByRole("button", { name: "1 Online" }).click();
  expect(await tableNames(page)).toEqual([HYBRID]);
  expect(await summary(page).getByRole("button", { name: "1 Online" }).getAttribute("aria-pressed")).toBe("true");
  await summary(page).getByRole("button", { name: "1 Online" }).click();
  expect(await tableNames(page)).toHaveLength(3);
});

test("arrow keys move between rows, Enter opens the detail at its own URL, which survives a reload", async () => {
  const { page } = tab;
  const [first, second] = await tableNames(page);
  expect(second).toBe(HYBRID);
  await page.getByLabel("State", { exact: true }).focus();
  // One tab stop for the whole table (the row last active); Home goes to the top.
  await page.keyboard.press("Tab");
  expect((await focused(page))?.tag).toBe("tr");
  await page.keyboard.press("Home");
  expect(await tableRow(page, first).evaluate((el) => el.matches(":focus"))).toBe(true);
  await page.keyboard.press("ArrowDown");
  expect(await tableRow(page, HYBRID).evaluate((el) => el.matches(":focus"))).toBe(true);
  await page.keyboard.press("Enter");
  await row(page, HYBRID).waitFor();
  expect((await focused(page))?.tag).toBe("h3");
  const url = new URL(page.url());
  expect(url.pathname).toBe(TAB);
  const id = url.searchParams.get("registration");
  expect(id).toBeTruthy();
  // The detail holds what the cards held: status, key, traffic, Azure, actions.
  const card = await row(page, HYBRID).locator("article").innerText();
  expect(card).toMatch(/ecs-core-listen · sha256:/);
  await row(page, HYBRID).locator("azure-relay-azure-summary").getByText(/Listeners counted by Azure/).waitFor();
  await row(page, HYBRID).getByRole("button", { name: `Edit ${HYBRID}` }).waitFor();
  await page.reload();
  await row(page, HYBRID).waitFor();
  expect(new URL(page.url()).searchParams.get("registration")).toBe(id);
  // Back returns to the overview, with focus on the row that was open.
  await backToOverview(page);
  expect(new URL(page.url()).searchParams.has("registration")).toBe(false);
  expect(await tableRow(page, HYBRID).evaluate((el) => el.matches(":focus"))).toBe(true);
  // The browser's Back button reopens it; Escape in the detail closes it again.
  await page.goBack();
  await row(page, HYBRID).waitFor();
  await row(page, HYBRID).getByRole("heading", { name: HYBRID }).focus();
  await page.keyboard.press("Escape");
  await page.locator("azure-relay-overview").waitFor();
  expect(await tableRow(page, HYBRID).evaluate((el) => el.matches(":focus"))).toBe(true);
});

test("Retry now restarts a listener that waits after a fatal error, once its cause is fixed", async () => {
  const { page } = tab;
  await openDetail(page, "waiting");
  const retry = row(page, "waiting").getByRole("button", { name: "Retry now" });
  await retry.waitFor();
  expect(await row(page, "waiting").locator("azure-relay-status-badge .since").innerText()).toMatch(/next try in \d+ minutes?/);
  e2e.stack.emulator.namespace.addHybridConnection({ name: MISSING_HC });
  await retry.click();
  await waitForBadge(page, "waiting", "ONLINE", 20_000);
  expect(await row(page, "waiting").getByRole("button", { name: "Retry now" }).count()).toBe(0);
  // Live updates keep every field current: "ours online" follows the status at once (same render), not Azure's slower view.
  await badge(page, "waiting").and(page.locator('[state="ONLINE"]')).waitFor();
  expect(await row(page, "waiting").locator("azure-relay-azure-summary").getByText(/ours online: 1/).count()).toBe(1);
  await backToOverview(page);
  expect((await tableNames(page))[2]).toBe("paused");
});

test("no serious or critical axe-core violations on the overview, the detail and every dialog", async () => {
  const { page } = tab;
  expect(await seriousA11yViolations(page)).toEqual([]);
  await openDetail(page, HYBRID);
  expect(await seriousA11yViolations(page)).toEqual([]);

  await row(page, HYBRID).getByRole("button", { name: `Edit ${HYBRID}` }).click();
  await page.getByRole("dialog", { name: `Edit ${HYBRID}` }).waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");

  await row(page, HYBRID).getByRole("button", { name: `Remove ${HYBRID}` }).click();
  await page.getByRole("alertdialog", { name: `Remove ${HYBRID}?` }).waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await backToOverview(page);

  await page.getByRole("button", { name: "Add Relay Registration" }).click();
  const add = page.getByRole("dialog", { name: "Add Azure Relay registration" });
  await add.getByLabel("Connection string").fill("not a connection string");
  await add.getByText(/This is not an Azure Relay connection string/).waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: /^Management access/ }).first().click();
  await page.getByRole("dialog", { name: /^Management access for/ }).waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Clear consumer website caches" }).click();
  await page.getByRole("alertdialog", { name: "Clear consumer website caches?" }).waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");
});

test("nothing secret reached the console, and no console errors", () => {
  expect(leakedSecrets(tab.console, secretsOf(e2e))).toEqual([]);
  expect(unexpectedErrors(tab)).toEqual([]);
});
