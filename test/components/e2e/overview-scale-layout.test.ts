/**
 * The overview with 500 registrations: rendered and filtered within a generous budget (measured in the browser,
 * printed for the record), and the tab at 390 px and 1440 px without horizontal overflow (screenshots kept).
 * The 500 are added through GraphQL with `enabled: false` (no listeners: the cheapest way, as the bench does).
 */
import type { Page } from "playwright-core";
import { saveScreenshot, signedInPage, type SignedInPage } from "../../support/browser";
import { horizontalOverflow, HYBRID, openDetail, TAB, tableRow, useTab, waitForBadge, type E2E } from "./tab-page";

jest.setTimeout(240_000);

const COUNT = 500;
/** Bounded sanity limits (the issue asks for a measurement), far above what a laptop needs: the machine is shared. */
const RENDER_BUDGET_MS = 15_000;
const FILTER_BUDGET_MS = 3_000;

let e2e: E2E;
let tab: SignedInPage;

useTab({ withRegistration: true }, (started) => ({ e2e, tab } = started));

async function addDisabled(count: number): Promise<void> {
  const names = Array.from({ length: count }, (_, i) => `bulk-${String(i).padStart(3, "0")}`);
  // A few at a time: the host serialises writes anyway, and this keeps the shared machine responsive.
  for (let i = 0; i < names.length; i += 10) {
    await Promise.all(names.slice(i, i + 10).map((name) => e2e.stack.addRegistration({ name, hybridConnectionName: name, enabled: false })));
  }
}

/** Loads the tab and returns how long until every row is in the table (ms, from navigation start). */
async function timedLoad(page: Page, rows: number): Promise<number> {
  await page.goto(TAB);
  await page.waitForFunction(
    (n) => {
      const overview = (document as any).querySelector("azure-relay-settings")?.shadowRoot?.querySelector("azure-relay-overview");
      return (overview?.shadowRoot?.querySelectorAll("tbody tr[data-id]").length ?? 0) >= n;
    },
    rows,
    { timeout: 60_000, polling: 50 },
  );
  return page.evaluate(() => performance.now());
}

/** Types into the text filter inside the page and returns how long until the table shows the result (ms). */
function timedFilter(page: Page, text: string): Promise<{ ms: number; rows: number }> {
  return page.evaluate(async (value) => {
    const overview = (document as any).querySelector("azure-relay-settings").shadowRoot.querySelector("azure-relay-overview");
    const input = overview.shadowRoot.querySelector("#filter-text");
    const started = performance.now();
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await overview.updateComplete;
    const ms = performance.now() - started;
    return { ms, rows: overview.shadowRoot.querySelectorAll("tbody tr[data-id]").length };
  }, text);
}

test(`${COUNT} registrations render and filter within budget`, async () => {
  await addDisabled(COUNT);
  const renderMs = await timedLoad(tab.page, COUNT + 1);
  const narrow = await timedFilter(tab.page, "bulk-04");
  const wide = await timedFilter(tab.page, "");
  console.log(`overview with ${COUNT + 1} registrations: render ${Math.round(renderMs)} ms (from navigation), filter ${narrow.ms.toFixed(1)} ms, unfilter ${wide.ms.toFixed(1)} ms`);
  expect(narrow.rows).toBe(10);
  expect(wide.rows).toBe(COUNT + 1);
  expect(renderMs).toBeLessThan(RENDER_BUDGET_MS);
  expect(narrow.ms).toBeLessThan(FILTER_BUDGET_MS);
  expect(wide.ms).toBeLessThan(FILTER_BUDGET_MS);
  // The one enabled registration is not disabled: it sorts before the 500 disabled ones.
  await waitForBadge(tab.page, HYBRID, "ONLINE");
  expect(await tableRow(tab.page, HYBRID).getAttribute("data-state")).toBe("ONLINE");
});

describe.each([
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
])("at $width px", (viewport) => {
  let narrowTab: SignedInPage;
  beforeAll(async () => {
    narrowTab = await signedInPage(e2e.browser, e2e.stack.host.url, { token: e2e.stack.host.adminToken, viewport });
    await narrowTab.page.goto(TAB);
    await tableRow(narrowTab.page, HYBRID).waitFor();
    // Everything loaded (the Azure view fills the management panel later than the list).
    await narrowTab.page.locator("azure-relay-management-panel").getByText(/Not configured/).waitFor();
  });
  afterAll(() => narrowTab?.close());

  test("the overview, a detail and the add dialog have no horizontal overflow", async () => {
    const { page } = narrowTab;
    const stacked = await tableRow(page, HYBRID).evaluate((tr) => getComputedStyle(tr).display);
    expect(stacked).toBe(viewport.width < 768 ? "block" : "table-row");
    await expectNoOverflow(page);
    await narrowTab.screenshot(`layout-${viewport.width}--overview`);

    await openDetail(page, HYBRID);
    await expectNoOverflow(page);
    await narrowTab.screenshot(`layout-${viewport.width}--detail`);

    await page.getByRole("button", { name: "Add Relay Registration" }).click();
    const dialog = page.getByRole("dialog", { name: "Add Azure Relay registration" });
    await dialog.getByLabel("Connection string").fill(e2e.stack.listenConnectionString);
    await dialog.getByText(/Looks good/).waitFor();
    const box = await dialog.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    await expectNoOverflow(page);
    await page.screenshot({ path: require("node:path").join(require("../../support/browser").SCREENSHOT_DIR, `layout-${viewport.width}--add-dialog.png`) });
    await page.keyboard.press("Escape");
  });
});

async function expectNoOverflow(page: Page): Promise<void> {
  const overflow = await horizontalOverflow(page);
  if (overflow.tab) await saveScreenshot(page, "debug-overflow");
  expect(overflow).toEqual({ page: 0, tab: 0, culprits: [] });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any, performance: any, Event: any, getComputedStyle: any;
