/** Problems are shown where they are: connection-string problems under the field while typing, server errors at their input. */
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
  await addDialog().getByText(/Looks good: key ecs-core-listen/).waitFor({ timeout: 5_000 });
  expect(await field.getAttribute("aria-invalid")).toBe("false");
  // Masked like a password until the admin asks to see it.
  expect(await computed(field, "-webkit-text-security")).toBe("disc");
  await addDialog().getByLabel("Show what I pasted").check();
  expect(await computed(field, "-webkit-text-security")).toBe("none");
  await tab.screenshot("field-errors--revealed");
  await addDialog().getByLabel("Show what I pasted").uncheck();
});

test("a server error is shown at its input", async () => {
  const { page } = tab;
  // The emulator's Listen policy is namespace-wide (no EntityPath): saving without a hybrid connection is refused at that field.
  await addDialog().getByRole("button", { name: "Add Azure Relay Registration" }).click();
  const hybrid = addDialog().getByLabel("Hybrid connection (optional)");
  await addDialog().getByText(/no EntityPath — enter the name of the hybrid connection/).waitFor();
  expect(await hybrid.getAttribute("aria-invalid")).toBe("true");
  await tab.screenshot("field-errors--server-error");
  // A bad target URL is put at the target field.
  await hybrid.fill(HYBRID);
  await addDialog().getByLabel("Target URL (optional)").fill("ftp://nowhere");
  await addDialog().getByRole("button", { name: "Add Azure Relay Registration" }).click();
  const target = addDialog().getByLabel("Target URL (optional)");
  await expectAttribute(target, "aria-invalid", "true");
  expect(await hybrid.getAttribute("aria-invalid")).toBe("false");
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
