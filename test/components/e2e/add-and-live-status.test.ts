/**
 * The seed flow in Chromium: paste the Primary Connection String, Add Azure Relay Registration, see the
 * relay come ONLINE, traffic move, and a dropped listener come back — with the key never in the DOM or console.
 */
import * as fs from "node:fs";
import { leakedSecrets, type SignedInPage } from "../../support/browser";
import { emulatorAdmin } from "../../support/emulator";
import { TAB, addThroughDialog, badge, deepDomText, HYBRID, keyOf, openDetail, recordAnnouncements, row, tableRow, waitForAnnouncement, waitForBadge, type E2E, useTab } from "./tab-page";

jest.setTimeout(90_000);

let e2e: E2E;
let tab: SignedInPage;

useTab({}, (started) => ({ e2e, tab } = started));

test("the tab runs under the host's strict CSP, and the empty state explains where the Primary Connection String is", async () => {
  const { page } = tab;
  const response = await page.goto(TAB);
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain("unsafe-eval");
  await page.getByRole("heading", { name: "No relay registrations yet" }).waitFor();
  await page.getByText("Open Shared access policies and select a policy.").waitFor();
  await page.getByText(/Primary Connection String/).first().waitFor();
  expect(await page.getByText(/only the Listen right .* instead of using RootManageSharedAccessKey/).count()).toBe(1);
  await tab.screenshot("add-and-live-status--empty-state");
});

test("pasting the connection string adds a registration that comes ONLINE; the key is gone from the page", async () => {
  const { page } = tab;
  const { listenConnectionString } = e2e.stack;
  await recordAnnouncements(page);
  await addThroughDialog(page, listenConnectionString, { hybrid: HYBRID });
  await waitForBadge(page, HYBRID, "ONLINE");
  // The new row is highlighted and focused, and a visible confirmation says what happened.
  expect(await tableRow(page, HYBRID).evaluate((el) => el.matches(":focus") && el.classList.contains("highlight"))).toBe(true);
  await page.locator("azure-relay-settings #confirmation").getByText(`Registration ${HYBRID} added.`).waitFor();
  await openDetail(page, HYBRID);
  expect(await badge(page, HYBRID).locator(".badge").innerText()).toContain("Online");
  const card = await row(page, HYBRID).locator("article").innerText();
  expect(card).toContain("ecs-core-listen · sha256:");
  expect(card).toContain(e2e.stack.sample.url);
  // Written once, never shown again: not in any element, attribute or field value.
  const dom = await deepDomText(page);
  expect(dom).not.toContain(keyOf(listenConnectionString));
  expect(await page.getByRole("dialog").count()).toBe(0);
  await waitForAnnouncement(page, `Registration ${HYBRID} added.`);
  await tab.screenshot("add-and-live-status--online");
});

test("a request through the relay moves the traffic counter", async () => {
  const { page } = tab;
  const answer = await e2e.stack.sendThroughRelay("/hello");
  expect(answer.status).toBeLessThan(500);
  await row(page, HYBRID).getByText(/Requests: 1\b/).waitFor({ timeout: 12_000 });
  const file = await tab.screenshot("add-and-live-status--traffic");
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);
});

test("a dropped listener shows RECONNECTING, is announced, and comes back ONLINE", async () => {
  const { page } = tab;
  const emu = e2e.stack.emulator;
  // Refuse new listeners for a few seconds so the reconnecting state lasts long enough to be seen.
  expect((await emulatorAdmin(emu, "POST", "faults/refuse-listeners", { hybridConnection: HYBRID, seconds: 3 })).status).toBe(200);
  expect((await emulatorAdmin(emu, "POST", "faults/drop-listeners", { hybridConnection: HYBRID })).status).toBe(200);
  await waitForBadge(page, HYBRID, "RECONNECTING", 10_000);
  await waitForAnnouncement(page, `${HYBRID}: Reconnecting`);
  await tab.screenshot("add-and-live-status--reconnecting");
  expect(await badge(page, HYBRID).locator(".badge").innerText()).toMatch(/Reconnecting/);
  await waitForBadge(page, HYBRID, "ONLINE", 20_000);
  await waitForAnnouncement(page, `${HYBRID}: Online`);
  await tab.screenshot("add-and-live-status--back-online");
});

test("nothing secret reached the console, and no console errors", async () => {
  const secrets = [e2e.stack.listenConnectionString, keyOf(e2e.stack.listenConnectionString), e2e.stack.host.adminToken];
  expect(leakedSecrets(tab.console, secrets)).toEqual([]);
  expect(tab.errors.filter((e) => !/favicon|status of 404/.test(e))).toEqual([]);
});
