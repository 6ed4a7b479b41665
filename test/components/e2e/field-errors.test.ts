/**
 * Problems are shown where they are, once: connection-string problems under the field while typing, server errors
 * at their input (replacing, not repeating, what the check said); text that is no connection string gets one
 * message; a string without EntityPath makes the hybrid connection field required at once.
 */
import { leakedSecrets, type SignedInPage } from "../../support/browser";
import { computed, HYBRID, type E2E, secretsOf, unexpectedErrors, useTab } from "./tab-page";
import { eventually } from "../../support/eventually";

jest.setTimeout(90_000);

let e2e: E2E;
let tab: SignedInPage;

useTab({}, (started) => ({ e2e, tab } = started));

function addDialog() {
  return tab.page.getByRole("dialog", { name: "Add Azure Relay registration" });
}

test("a broken string shows each problem under the field while typing", async () => {
  const { page } = tab;
  await page.getByRole("button", { name: "Add Relay Registration" }).click();
  const field = addDialog().getByLabel("Connection string");
  await field.fill("Endpoint=http://contoso.servicebus.windows.net/;SharedAccessKeyName=listen");
  await addDialog().getByText(/^Endpoint .*sb:\/\//).waitFor({ timeout: 5_000 });
  await addDialog().getByText(/SharedAccessKey is missing/).waitFor();
  expect(await field.getAttribute("aria-invalid")).toBe("true");
  await tab.screenshot("field-errors--while-typing");
  // Fixing the string clears the problems and says what it found.
  await field.fill(e2e.stack.listenConnectionString);
  const ok = addDialog().getByText(/Looks good: key ecs-core-listen/);
  await ok.waitFor({ timeout: 5_000 });
  expect(await field.getAttribute("aria-invalid")).toBe("false");
  // Visibly positive: a tick, in the success colour.
  expect(await addDialog().locator("#cs-check").innerText()).toMatch(/^✓ Looks good/);
  expect(await computed(addDialog().locator("#cs-check"), "color")).toBe("rgb(30, 123, 52)");
  // The string has no EntityPath: the hybrid connection field is required, and says so at once.
  const hybrid = addDialog().getByLabel("Hybrid connection (required)");
  await hybrid.waitFor();
  expect(await hybrid.getAttribute("aria-invalid")).toBe("true");
  expect(await hybrid.getAttribute("required")).not.toBeNull();
  await addDialog().getByText(/^Required: the connection string names no hybrid connection/).waitFor();
  await hybrid.fill(HYBRID);
  expect(await hybrid.getAttribute("aria-invalid")).toBe("false");
  expect(await addDialog().getByText(/^Required:/).count()).toBe(0);
  await hybrid.fill("");
  // Masked like a password until the admin asks to see it.
  expect(await computed(field, "-webkit-text-security")).toBe("disc");
  await addDialog().getByLabel("Show what I pasted").check();
  expect(await computed(field, "-webkit-text-security")).toBe("none");
  await tab.screenshot("field-errors--revealed");
  await addDialog().getByLabel("Show what I pasted").uncheck();
});

test("text that is not a connection string gets one message, also after saving", async () => {
  const field = addDialog().getByLabel("Connection string");
  await field.fill("https://contoso.servicebus.windows.net/ecs-core");
  const message = addDialog().getByText(/^This is not an Azure Relay connection string: it should start with Endpoint=sb:\/\//);
  await message.waitFor({ timeout: 5_000 });
  expect(await addDialog().locator("#cs-errors li").count()).toBe(1);
  await addDialog().getByRole("button", { name: "Add Azure Relay Registration" }).click();
  await message.waitFor();
  expect(await addDialog().locator("#cs-errors li").count()).toBe(1);
  await tab.screenshot("field-errors--not-a-connection-string");
});

test("a server error is shown once, at its input", async () => {
  const { page } = tab;
  // A broken string: the check lists its problems, then saving gets the same problems from the server — each shown once.
  const field = addDialog().getByLabel("Connection string");
  await field.fill("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=listen");
  await addDialog().getByText(/SharedAccessKey is missing/).waitFor({ timeout: 5_000 });
  const whileTyping = await addDialog().locator("#cs-errors li").allInnerTexts();
  const answered = page.waitForResponse((r) => /graphql/.test(r.url()) && /AddRelayRegistration/.test(r.request().postData() ?? ""));
  await addDialog().getByRole("button", { name: "Add Azure Relay Registration" }).click();
  await answered;
  await addDialog().getByRole("button", { name: "Add Azure Relay Registration" }).waitFor();
  const afterSave = await addDialog().locator("#cs-errors li").allInnerTexts();
  expect(new Set(afterSave).size).toBe(afterSave.length);
  expect(afterSave.filter((m) => /SharedAccessKey is missing/.test(m))).toHaveLength(1);
  expect(whileTyping.length).toBeGreaterThan(0);
  // The emulator's Listen policy is namespace-wide (no EntityPath): saving without a hybrid connection is refused at that field.
  await field.fill(e2e.stack.listenConnectionString);
  await addDialog().getByText(/Looks good/).waitFor({ timeout: 5_000 });
  const hybrid = addDialog().getByLabel("Hybrid connection (required)");
  await addDialog().getByRole("button", { name: "Add Azure Relay Registration" }).click();
  expect(await hybrid.getAttribute("aria-invalid")).toBe("true");
  expect(await addDialog().locator("#hybridConnectionName-errors li").count()).toBe(1);
  await tab.screenshot("field-errors--server-error");
  // A bad target URL is put at the target field.
  await hybrid.fill(HYBRID);
  await addDialog().getByLabel("Target URL (optional)").fill("ftp://nowhere");
  await addDialog().getByRole("button", { name: "Add Azure Relay Registration" }).click();
  const target = addDialog().getByLabel("Target URL (optional)");
  await expectAttribute(target, "aria-invalid", "true");
  expect(await hybrid.getAttribute("aria-invalid")).toBe("false");
  expect(await addDialog().locator("#targetUrl-errors li").count()).toBe(1);
  await addDialog().getByRole("button", { name: "Cancel" }).click();
  expect(await page.getByRole("dialog").count()).toBe(0);
});

test("cancelling wipes what was pasted", async () => {
  const { page } = tab;
  await page.getByRole("button", { name: "Add Relay Registration" }).click();
  expect(await addDialog().getByLabel("Connection string").inputValue()).toBe("");
  await page.keyboard.press("Escape");
  expect(await page.getByRole("dialog").count()).toBe(0);
});

async function expectAttribute(locator: import("playwright-core").Locator, name: string, value: string, timeout = 5_000): Promise<void> {
  if (!(await eventually(async () => (await locator.getAttribute(name)) === value, timeout, 50))) {
    throw new Error(`${name} is ${await locator.getAttribute(name)}, expected ${value}`);
  }
}

test("nothing secret reached the console, and no console errors", () => {
  expect(leakedSecrets(tab.console, secretsOf(e2e))).toEqual([]);
  expect(unexpectedErrors(tab)).toEqual([]);
});
