/** The shell in a real browser (Debian Chromium): sign in through the form, the tab's module loads under the strict CSP. */
import * as path from "node:path";
import type { Browser } from "playwright-core";
import { launchBrowser, signedInPage } from "../support/browser";
import { startTestHost, type TestHost } from "../support/host";

const FIXTURE = path.join(__dirname, "fixtures/fixture-plugin");

describe("Management Site shell in Chromium", () => {
  let host: TestHost;
  let browser: Browser;
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [FIXTURE] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it("signs in through the form, lands on the first tab and renders its element without CSP errors", async () => {
    const session = await signedInPage(browser, host.url, { token: host.adminToken });
    try {
      expect(new URL(session.page.url()).pathname).toBe("/settings/fixture");
      await expect(session.page.locator("fixture-settings h2").textContent()).resolves.toBe("Fixture tab");
      await expect(session.page.locator("fixture-settings p").textContent()).resolves.toBe("lang=en-GB");
      await expect(session.page.getByRole("navigation", { name: "Settings" }).getByRole("link").allTextContents()).resolves.toEqual(["Fixture", "System Operations"]);
      const cookies = await session.context.cookies();
      expect(cookies.find((c) => c.name === "ecs_session")).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
      expect(await session.page.evaluate("document.cookie")).toBe(""); // HttpOnly: invisible to scripts
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it("refuses an inline script the page did not ship (CSP is enforced, not just sent)", async () => {
    const session = await signedInPage(browser, host.url, { token: host.readerToken });
    try {
      // A string expression: the test's TypeScript has no DOM types.
      const ran = await session.page.evaluate(`(async () => {
        const script = document.createElement("script");
        script.textContent = "window.__inlineRan = true";
        document.body.append(script);
        await new Promise((r) => setTimeout(r, 50));
        return window.__inlineRan === true;
      })()`);
      expect(ran).toBe(false);
    } finally {
      await session.close();
    }
  });

  it("runs a system operation from the System Operations page", async () => {
    const session = await signedInPage(browser, host.url, { token: host.adminToken });
    try {
      await session.page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "System Operations" }).click();
      await session.page.getByRole("button", { name: "Run Ping the fixture" }).click();
      await expect(session.page.getByRole("status").textContent()).resolves.toContain("pong");
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
