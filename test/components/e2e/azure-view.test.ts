/**
 * The Azure column end to end, against the emulator's ARM surface: a registration on the root key, management
 * access configured in the form (static token, the emulator's ARM url and CA), Azure's listener count,
 * "Secure this registration" (report, key moves to the Listen-only rule, status stays ONLINE), and a
 * half-open suspicion after the emulator stops counting our listener.
 */
import type { Page } from "playwright-core";
import { leakedSecrets, type SignedInPage } from "../../support/browser";
import { emulatorAdmin } from "../../support/emulator";
import { addThroughDialog, deepDomText, focused, HYBRID, keyOf, openDetail, recordAnnouncements, row, setLang, waitForAnnouncement, waitForBadge, type E2E, useTab } from "./tab-page";

jest.setTimeout(120_000);

const TOKEN = "e2e-static-arm-token-0123456789";
let e2e: E2E;
let tab: SignedInPage;

useTab(
  {
    // A short grace so the half-open suspicion is reported within a couple of the tab's Azure refreshes.
    stack: { arm: true, hostEnv: { ECS_PLUGIN_AZURE_RELAY_MANAGEMENT_SUSPICIONGRACEMS: "1000" } },
    ready: ({ tab }) => recordAnnouncements(tab.page),
    dismissDialogsAfterEach: true,
  },
  (started) => ({ e2e, tab } = started),
);

function arm() {
  const found = e2e.stack.emulator.arm;
  if (!found) throw new Error("the emulator runs without its ARM surface");
  return found;
}

const namespace = () => e2e.stack.emulator.namespaceHost.toLowerCase();
const azure = (page: Page) => row(page, HYBRID).locator("azure-relay-azure-summary");
const accessDialog = (page: Page) => page.getByRole("dialog", { name: `Management access for ${namespace()}` });

test("a registration on the root key: Azure's count unknown without management access", async () => {
  const { page } = tab;
  await addThroughDialog(page, e2e.stack.rootConnectionString, { hybrid: HYBRID });
  await waitForBadge(page, HYBRID, "ONLINE");
  await openDetail(page, HYBRID);
  await azure(page).getByText("Listeners counted by Azure: —").waitFor();
  await azure(page).getByText(`without management access for ${namespace()}`).waitFor();
  expect(await row(page, HYBRID).getByRole("button", { name: /^Secure this registration/ }).count()).toBe(0);
  await tab.screenshot("azure-view--1-without-access");
});

test("management access: a missing token is said at its input; saved, only the fingerprint shows", async () => {
  const { page } = tab;
  await page.getByRole("button", { name: `Management access ${namespace()}` }).click();
  const dialog = accessDialog(page);
  await dialog.waitFor();
  expect((await focused(page))?.label).toBe("Subscription ID");
  await dialog.getByLabel("Subscription ID").fill(arm().subscriptionId);
  await dialog.getByLabel("Resource group").fill(arm().resourceGroup);
  await dialog.getByLabel("Namespace name").fill(arm().namespaceName);
  await dialog.getByLabel("ARM endpoint (optional)").fill(arm().url);
  await dialog.getByLabel("CA certificate (PEM, optional)").fill(arm().caCert);
  await dialog.getByLabel("Static token (tests and emulator only)").check();
  await dialog.getByRole("button", { name: "Save management access" }).click();
  // The server names credential.token; the form shows it at the Token input, which gets the focus.
  await dialog.getByText("Token is required for this credential kind.").waitFor();
  expect(await focused(page)).toMatchObject({ id: "token", label: "Token" });
  await tab.screenshot("azure-view--2-access-field-error");
  await dialog.getByLabel("Token", { exact: true }).fill(TOKEN);
  await dialog.getByRole("button", { name: "Save management access" }).click();
  await waitForAnnouncement(page, `Management access for ${namespace()} saved.`);
  expect(await page.getByRole("dialog").count()).toBe(0);
  // Focus is back on the button that opened the form.
  expect((await focused(page))?.label).toBe(`Management access ${namespace()}`);
  const panel = page.locator("azure-relay-management-panel");
  await panel.getByText("Credential: Static token (tests and emulator only)").waitFor();
  await panel.getByText(/Secret stored \(fingerprint sha256:/).waitFor();
  await panel.getByText(/custom CA trusted/).waitFor();
  expect(await deepDomText(page)).not.toContain(TOKEN);
});

test("Azure's listener count and the recommendation show", async () => {
  const { page } = tab;
  await azure(page).getByText("Listeners counted by Azure: 1").waitFor({ timeout: 15_000 });
  await azure(page).getByText(/Key rights \(Azure\): .*Manage/).waitFor();
  await row(page, HYBRID).getByText(/This registration uses a key with Manage rights \(RootManageSharedAccessKey\)/).waitFor();
  expect(await azure(page).getAttribute("warnings")).toBeNull();
  await tab.screenshot("azure-view--3-azure-count-and-recommendation");
});

test("Secure this registration: confirmed, reported, Listen-only key, still ONLINE", async () => {
  const { page } = tab;
  const before = (await announcementsOf(page)).length;
  await row(page, HYBRID).getByRole("button", { name: `Secure this registration ${HYBRID}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Secure ${HYBRID}?` });
  await confirm.waitFor();
  await tab.screenshot("azure-view--4-secure-confirm");
  await confirm.getByRole("button", { name: "Secure registration" }).click();
  const report = row(page, HYBRID).locator("azure-relay-secure-notice").getByText("Secured — what was done:");
  await report.waitFor({ timeout: 20_000 });
  await row(page, HYBRID).getByText(/Rotated the listener to ecs-core-.*-listen/).waitFor();
  await row(page, HYBRID).getByText(/^ecs-core-.+-listen · sha256:/).waitFor();
  await waitForAnnouncement(page, `Registration ${HYBRID} secured`);
  // The Secure button is replaced by the report, which takes its focus.
  expect((await focused(page))?.label).toMatch(/^Secured — what was done:/);
  await azure(page).getByText("Key rights (Azure): Listen").waitFor({ timeout: 15_000 });
  await azure(page).getByText("Listeners counted by Azure: 1").waitFor({ timeout: 15_000 });
  await waitForBadge(page, HYBRID, "ONLINE");
  // No state change was announced for the row: the rotation never took the listener off ONLINE.
  expect((await announcementsOf(page)).slice(before).filter((a) => a.includes(`${HYBRID}: `) && !a.includes("Warning"))).toEqual([]);
  expect(await row(page, HYBRID).getByRole("button", { name: /^Secure this registration/ }).count()).toBe(0);
  await tab.screenshot("azure-view--5-secured-report");
});

test("a half-open channel is suspected in words, and a restart clears it", async () => {
  const { page } = tab;
  const res = await emulatorAdmin(e2e.stack.emulator, "POST", "faults/hide-listeners", { hybridConnection: HYBRID });
  expect(res.status).toBe(200);
  // Grace 1 s; the tab asks Azure every 10 s and the grace clock starts at the first observation.
  await azure(page).getByText("Warning: half-open connection suspected").waitFor({ timeout: 40_000 });
  await azure(page).getByText(/Restart the listener/).waitFor();
  // Screen-reader users hear it too: the warning appeared on its own, not after their action.
  await waitForAnnouncement(page, `${HYBRID}: Warning: half-open connection suspected`);
  await azure(page).getByText("Listeners counted by Azure: 0").waitFor();
  expect(await azure(page).getAttribute("warnings")).toBe("halfOpen");
  await waitForBadge(page, HYBRID, "ONLINE");
  await tab.screenshot("azure-view--6-half-open-suspected");
  await row(page, HYBRID).getByRole("button", { name: `Restart listener ${HYBRID}` }).click();
  await azure(page).getByText("Listeners counted by Azure: 1").waitFor({ timeout: 30_000 });
  expect(await azure(page).getAttribute("warnings")).toBeNull();
  await tab.screenshot("azure-view--7-after-restart");
});

test("the Azure column speaks German too", async () => {
  const { page } = tab;
  await setLang(page, "de-DE");
  await azure(page).getByText("Von Azure gezählte Listener: 1").waitFor();
  await page.getByRole("heading", { name: "Azure-Verwaltungszugriff" }).waitFor();
  await tab.screenshot("azure-view--8-german");
  await setLang(page, "en-GB");
});

test("removing management access asks first; the Azure column then shows only what this server knows", async () => {
  const { page } = tab;
  await page.getByRole("button", { name: `Remove management access ${namespace()}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Remove management access for ${namespace()}?` });
  await confirm.getByRole("button", { name: "Remove access" }).click();
  await waitForAnnouncement(page, `Management access for ${namespace()} removed.`);
  await azure(page).getByText("Listeners counted by Azure: —").waitFor({ timeout: 15_000 });
  await page.locator("azure-relay-management-panel").getByText("Not configured.").waitFor();
  expect((await focused(page))?.label).toBe(`Management access ${namespace()}`);
  await waitForBadge(page, HYBRID, "ONLINE");
  await tab.screenshot("azure-view--9-access-removed");
});

test("no key or token reached the console or the DOM, and no console errors", async () => {
  const strings = e2e.stack.emulator.connectionStrings().map((c) => c.connectionString);
  const secrets = [...strings, ...strings.map(keyOf), TOKEN, e2e.stack.host.adminToken];
  expect(leakedSecrets(tab.console, secrets)).toEqual([]);
  const dom = await deepDomText(tab.page);
  expect([TOKEN, keyOf(e2e.stack.rootConnectionString)].filter((s) => dom.includes(s))).toEqual([]);
  expect(tab.errors.filter((e) => !/favicon|status of 404/.test(e))).toEqual([]);
});

async function announcementsOf(page: Page): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return page.evaluate(() => ((globalThis as any).__announcements as string[] | undefined) ?? []);
}
