/**
 * The host's own pages in Chromium at phone (360 and 390 px) and desktop (1440 px) widths: the sign-in page and System
 * Operations (with its confirmation step and result) have no serious or critical axe-core violations and no
 * horizontal scrolling; below 768 px the menu folds behind an accessible Menu button. Screenshots in
 * test-output/screenshots/host-*.png.
 */
import * as path from "node:path";
import type { Browser, Page } from "playwright-core";
import { horizontalOverflow, seriousViolations } from "../support/axe";
import { launchBrowser, saveScreenshot, signedInPage } from "../support/browser";
import { startTestHost, type TestHost } from "../support/host";

const FIXTURE = path.join(__dirname, "fixtures/fixture-plugin");
const WIDTHS = [360, 390, 1440] as const;

async function expectAccessibleWithoutOverflow(page: Page, screenshot: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  expect(await horizontalOverflow(page)).toBe(0);
  await saveScreenshot(page, screenshot);
}

describe("host shell: responsive and accessible", () => {
  let host: TestHost;
  let browser: Browser;
  let registration: { dispose(): void };
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [FIXTURE] });
    registration = host.services.forPlugin("fixture").systemOperations.register({
      id: "fixture.manual", title: "", description: "", permission: "", confirm: true,
      run: async () => ({ ok: true, summary: "Manual work done", details: { cleared: 3, caches: [{ name: "sites" }] } }),
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    registration?.dispose();
    await browser?.close();
    await host?.stop();
  });

  for (const width of WIDTHS) {
    it(`sign-in page at ${width} px: no serious axe violations, no horizontal scrolling`, async () => {
      const context = await browser.newContext({ baseURL: host.url, viewport: { width, height: 800 } });
      try {
        const page = await context.newPage();
        await page.goto("/login");
        await expectAccessibleWithoutOverflow(page, `host-login-${width}`);
        await page.getByLabel("Access token").fill("not-a-valid-token-at-all");
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("alert").waitFor();
        await expectAccessibleWithoutOverflow(page, `host-login-error-${width}`);
      } finally {
        await context.close();
      }
    });

    it(`System Operations at ${width} px: confirm, progress, readable result; accessible without horizontal scrolling`, async () => {
      const session = await signedInPage(browser, host.url, { token: host.adminToken, viewport: { width, height: 800 } });
      try {
        const { page } = session;
        await page.goto("/settings/system-operations");
        await expectAccessibleWithoutOverflow(page, `host-system-operations-${width}`);
        await page.getByRole("button", { name: "Run Manual fixture operation" }).click();
        const confirm = page.getByRole("group", { name: "Run “Manual fixture operation” now?" });
        await confirm.waitFor();
        await expectAccessibleWithoutOverflow(page, `host-system-operations-confirm-${width}`);
        const before = page.url();
        await confirm.getByRole("button", { name: "Yes, run it" }).click();
        const status = page.getByRole("status");
        await expect(status.textContent()).resolves.toContain("Manual work done");
        await expect(status.locator("dl").innerText()).resolves.toMatch(/cleared\s+3[\s\S]*caches\s+sites/);
        expect(page.url()).toBe(before); // no URL change, no reload
        expect(await status.innerText()).not.toContain("{");
        await expectAccessibleWithoutOverflow(page, `host-system-operations-result-${width}`);
        expect(session.errors).toEqual([]);
      } finally {
        await session.close();
      }
    });
  }

  it("below 768 px the menu folds behind a Menu button with aria-expanded, focus moves into it, Escape closes it", async () => {
    const session = await signedInPage(browser, host.url, { token: host.adminToken, viewport: { width: 390, height: 800 } });
    try {
      const { page } = session;
      await page.goto("/settings/system-operations");
      const button = page.getByRole("button", { name: "Menu" });
      const nav = page.getByRole("navigation", { name: "Settings" });
      await expect(button.getAttribute("aria-expanded")).resolves.toBe("false");
      await expect(nav.isVisible()).resolves.toBe(false);
      await button.click();
      await expect(button.getAttribute("aria-expanded")).resolves.toBe("true");
      await expect(nav.isVisible()).resolves.toBe(true);
      await expect(page.evaluate("document.activeElement.textContent")).resolves.toBe("Fixture");
      await expectAccessibleWithoutOverflow(page, "host-menu-open-390");
      await page.keyboard.press("Escape");
      await expect(button.getAttribute("aria-expanded")).resolves.toBe("false");
      await expect(page.evaluate("document.activeElement.className")).resolves.toBe("menu-button");
    } finally {
      await session.close();
    }
  });

  it("shows progress while an operation runs (button disabled, status text), then the result; Cancel runs nothing", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    registration.dispose();
    registration = host.services.forPlugin("fixture").systemOperations.register({
      id: "fixture.manual", title: "", description: "", permission: "", confirm: true,
      run: async () => (runs++, await gate, { ok: true, summary: "Released" }),
    });
    const session = await signedInPage(browser, host.url, { token: host.adminToken, viewport: { width: 1440, height: 900 } });
    try {
      const { page } = session;
      await page.goto("/settings/system-operations");
      const run = page.getByRole("button", { name: "Run Manual fixture operation" });
      await run.click();
      await page.getByRole("button", { name: "Cancel" }).click();
      await expect(page.getByRole("group", { name: "Run “Manual fixture operation” now?" }).isVisible()).resolves.toBe(false);
      await expect(page.evaluate("document.activeElement.getAttribute('aria-label')")).resolves.toBe("Run Manual fixture operation");
      expect(runs).toBe(0);
      await run.click();
      await page.getByRole("button", { name: "Yes, run it" }).click();
      await page.getByText("Running “Manual fixture operation”…").waitFor();
      await expect(run.isDisabled()).resolves.toBe(true);
      release();
      await expect(page.getByRole("status").textContent()).resolves.toContain("Released");
      await expect(page.getByText("Running “Manual fixture operation”…").isVisible()).resolves.toBe(false);
      await expect(run.isDisabled()).resolves.toBe(false);
      expect(runs).toBe(1);
    } finally {
      release();
      await session.close();
    }
  });

  it("at 1440 px the menu is always shown and the Menu button is not; a skip link comes first", async () => {
    const session = await signedInPage(browser, host.url, { token: host.adminToken, viewport: { width: 1440, height: 900 } });
    try {
      await session.page.goto("/settings/system-operations");
      await expect(session.page.getByRole("navigation", { name: "Settings" }).isVisible()).resolves.toBe(true);
      await expect(session.page.locator(".menu-button").isVisible()).resolves.toBe(false);
      await session.page.keyboard.press("Tab"); // the first stop is the skip link, shown when focused
      await expect(session.page.evaluate("document.activeElement.textContent")).resolves.toBe("Skip to content");
      await expect(session.page.getByRole("link", { name: "Skip to content" }).isVisible()).resolves.toBe(true);
    } finally {
      await session.close();
    }
  });
});

describe("host shell in German (ECS_LANGUAGE=de-DE)", () => {
  let host: TestHost;
  let browser: Browser;
  let registration: { dispose(): void };
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [FIXTURE], env: { ECS_LANGUAGE: "de-DE" } });
    registration = host.services.forPlugin("fixture").systemOperations.register({
      id: "fixture.manual", title: "", description: "", permission: "", confirm: true,
      run: async () => {
        throw new Error("disk on fire");
      },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    registration?.dispose();
    await browser?.close();
    await host?.stop();
  });

  it("signs in, runs an operation that fails, and shows every text in German at 390 px, accessible", async () => {
    const context = await browser.newContext({ baseURL: host.url, locale: "de-DE", viewport: { width: 390, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto("/login");
      await expectAccessibleWithoutOverflow(page, "host-login-de-390");
      await page.getByLabel("Zugriffstoken").fill(host.adminToken);
      await Promise.all([page.waitForURL(/\/settings\//), page.getByRole("button", { name: "Anmelden" }).click()]);
      await page.goto("/settings/system-operations");
      await expect(page.getByRole("heading", { level: 2 }).first().textContent()).resolves.toBe("Systemvorgänge");
      await page.getByRole("button", { name: "Menü" }).click();
      await expect(page.getByRole("navigation", { name: "Einstellungen" }).isVisible()).resolves.toBe(true);
      await page.getByRole("button", { name: "Manual fixture operation ausführen" }).click();
      await page.getByRole("button", { name: "Ja, ausführen" }).click();
      const alert = page.locator("#operation-outcome [role=alert]");
      await expect(alert.innerText()).resolves.toMatch(/Manual fixture operation wurde nicht ausgeführt\s+Der Vorgang ist fehlgeschlagen; siehe Host-Protokoll\./);
      await expectAccessibleWithoutOverflow(page, "host-system-operations-error-de-390");
      expect(await alert.innerText()).not.toContain("disk on fire"); // the cause stays in the host log
    } finally {
      await context.close();
    }
  });
});
