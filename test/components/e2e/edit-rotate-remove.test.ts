/** Edit (rename, retarget, disable/enable), rotate the key by pasting a new string (and see a refused key said clearly), remove with confirmation. */
import { leakedSecrets, type SignedInPage } from "../../support/browser";
import { emulatorAdmin } from "../../support/emulator";
import { waitUntil } from "../../support/eventually";
import { deepDomText, focused, HYBRID, keyOf, openDetail, row, waitForBadge, type E2E, useTab } from "./tab-page";

jest.setTimeout(90_000);

const RENAMED = "ECS Core production";
let e2e: E2E;
let tab: SignedInPage;

// A failed test must not leave a modal dialog over the page for the next one (dismissDialogsAfterEach).
useTab({ withRegistration: true, ready: ({ tab }) => waitForBadge(tab.page, HYBRID, "ONLINE"), dismissDialogsAfterEach: true }, (started) => ({ e2e, tab } = started));

function editDialog() {
  return tab.page.getByRole("dialog", { name: /^Edit / });
}

async function openEdit(name: string): Promise<void> {
  await openDetail(tab.page, name);
  await row(tab.page, name).getByRole("button", { name: `Edit ${name}` }).click();
  await editDialog().waitFor();
}

test("rename and retarget", async () => {
  const target = `${e2e.stack.sample.url.replace(/\/$/, "")}/v2/`;
  await openEdit(HYBRID);
  await editDialog().getByLabel("Name", { exact: true }).fill(RENAMED);
  await editDialog().getByLabel("Target", { exact: true }).fill(target);
  await editDialog().getByRole("button", { name: "Save changes" }).click();
  await tab.page.getByRole("heading", { name: RENAMED, exact: true }).waitFor();
  await row(tab.page, RENAMED).getByText(target, { exact: true }).waitFor();
  expect(await tab.page.getByRole("dialog").count()).toBe(0);
  // Focus is back on the control that opened the dialog.
  expect((await focused(tab.page))?.label).toMatch(/^Edit/);
});

test("rotate the key by pasting the string of another Listen policy", async () => {
  const emu = e2e.stack.emulator;
  expect((await emulatorAdmin(emu, "POST", "rules", { name: "ecs-core-listen-2", rights: ["Listen"] })).status).toBe(201);
  const rotated = emu.connectionStrings().find((c) => c.policy === "ecs-core-listen-2")?.connectionString as string;
  await openEdit(RENAMED);
  await editDialog().getByLabel("New connection string (rotate key)").fill(rotated);
  await editDialog().getByText(/Looks good: key ecs-core-listen-2/).waitFor({ timeout: 5_000 });
  await tab.screenshot("edit-rotate-remove--rotate-dialog");
  await editDialog().getByRole("button", { name: "Save changes" }).click();
  await row(tab.page, RENAMED).getByText(/ecs-core-listen-2 · sha256:/).waitFor();
  await waitForBadge(tab.page, RENAMED, "ONLINE");
  expect(await deepDomText(tab.page)).not.toContain(keyOf(rotated));
});

test("a key the relay refuses is said clearly and the current key stays", async () => {
  await openEdit(RENAMED);
  // The Send-only policy has no Listen right: the relay refuses it, so the rotation is not applied.
  await editDialog().getByLabel("New connection string (rotate key)").fill(e2e.stack.sendConnectionString);
  await editDialog().getByRole("button", { name: "Save changes" }).click();
  // The server's reason (HTTP 403, no Listen right) follows our plain statement that nothing changed.
  await editDialog().getByText(/^Key not changed — the current key stays in use\. .*HTTP 403/).waitFor({ timeout: 15_000 });
  await tab.screenshot("edit-rotate-remove--relay-refused");
  await editDialog().getByRole("button", { name: "Cancel" }).click();
  await row(tab.page, RENAMED).getByText(/ecs-core-listen-2 · sha256:/).waitFor();
  await waitForBadge(tab.page, RENAMED, "ONLINE");
});

/** Tracking ids of the control channels the emulator has open for the tab's hybrid connection. */
async function listenerIds(): Promise<string[]> {
  return ((await emulatorAdmin(e2e.stack.emulator, "GET", "listeners")).body as Record<string, string[]>)[HYBRID] ?? [];
}

test("restart the listener", async () => {
  const before = await listenerIds();
  expect(before).toHaveLength(1);
  await openDetail(tab.page, RENAMED);
  // By keyboard: focus stays on the button while the action runs and after.
  await row(tab.page, RENAMED).getByRole("button", { name: `Restart listener ${RENAMED}` }).focus();
  await tab.page.keyboard.press("Enter");
  // A restart that did nothing would keep the old connection: the relay must see one listener, on a new connection.
  await waitUntil("the listener reconnected (a new control channel at the relay)", async () => {
    const now = await listenerIds();
    return now.length === 1 && now[0] !== before[0];
  }, 15_000);
  await waitForBadge(tab.page, RENAMED, "ONLINE", 15_000);
  expect((await focused(tab.page))?.label).toMatch(/^Restart listener/);
  expect(await tab.page.getByRole("alert").count()).toBe(0);
});

test("disable and enable", async () => {
  await openEdit(RENAMED);
  await editDialog().getByLabel("Enabled (listen for requests)").uncheck();
  await editDialog().getByRole("button", { name: "Save changes" }).click();
  await waitForBadge(tab.page, RENAMED, "DISABLED");
  await openEdit(RENAMED);
  await editDialog().getByLabel("Enabled (listen for requests)").check();
  await editDialog().getByRole("button", { name: "Save changes" }).click();
  await waitForBadge(tab.page, RENAMED, "ONLINE");
});

test("remove asks first; cancelling keeps it, confirming removes it", async () => {
  const { page } = tab;
  await openDetail(page, RENAMED);
  await row(page, RENAMED).getByRole("button", { name: `Remove ${RENAMED}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Remove ${RENAMED}?` });
  await confirm.waitFor();
  await tab.screenshot("edit-rotate-remove--confirm");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  expect(await row(page, RENAMED).count()).toBe(1);
  await row(page, RENAMED).getByRole("button", { name: `Remove ${RENAMED}` }).click();
  await confirm.getByRole("button", { name: "Remove registration" }).click();
  await page.getByRole("heading", { name: "No relay registrations yet" }).waitFor();
  const { body } = await e2e.stack.host.gql("{ relayRegistrations { id } }");
  expect(body.data).toEqual({ relayRegistrations: [] });
});

test("no key or token reached the console, and no console errors", async () => {
  const rotated = e2e.stack.emulator.connectionStrings().find((c) => c.policy === "ecs-core-listen-2")?.connectionString as string;
  const secrets = [e2e.stack.listenConnectionString, keyOf(e2e.stack.listenConnectionString), rotated, keyOf(rotated), keyOf(e2e.stack.sendConnectionString), e2e.stack.host.adminToken];
  expect(leakedSecrets(tab.console, secrets)).toEqual([]);
  expect(tab.errors.filter((e) => !/favicon|status of 404/.test(e))).toEqual([]);
});
