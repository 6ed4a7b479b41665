/**
 * Debian's Chromium through playwright-core for the end-to-end tests (no downloaded browser).
 * One browser per test file (`launchBrowser` in beforeAll); each test gets a fresh context signed in through
 * the host's /login page, collects every console message and page error, and can save screenshots under
 * test-output/screenshots/<name>.png.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOT_DIR = path.resolve(__dirname, "../../test-output/screenshots");

/** Flags for a container: no sandbox (no user namespaces), no GPU, and no traffic to Google's services. */
export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
  /** Every console message, as "type: text". */
  console: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Saves a full-page screenshot as test-output/screenshots/<name>.png; returns the path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface SignInOptions {
  /** Access token typed into the login form. */
  token: string;
  /** Browser locale (Accept-Language, navigator.language); default en-GB. */
  locale?: string;
  viewport?: { width: number; height: number };
}

/** A new context, signed in by typing the token into /login as a person would. */
export async function signedInPage(browser: Browser, baseUrl: string, options: SignInOptions): Promise<SignedInPage> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: options.locale ?? "en-GB", viewport: options.viewport ?? { width: 1200, height: 900 } });
  const page = await context.newPage();
  const consoleLines: string[] = [];
  const errors: string[] = [];
  page.on("console", (message) => {
    consoleLines.push(`${message.type()}: ${message.text()}`);
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  await signInThroughForm(page, options.token);
  return {
    context,
    page,
    console: consoleLines,
    errors,
    screenshot: async (name) => saveScreenshot(page, name),
    close: () => context.close(),
  };
}

/** Types the token into /login and submits, as a person would; throws with the page's message if refused. */
async function signInThroughForm(page: Page, token: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Access token").fill(token);
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Sign in" }).click()]);
  await page.waitForLoadState("load");
  if (new URL(page.url()).pathname.startsWith("/login")) throw new Error(`sign-in failed: ${await page.locator("main").innerText()}`);
}

export async function saveScreenshot(page: Page, name: string, file = path.join(SCREENSHOT_DIR, `${name}.png`)): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Console lines that contain any of `secrets` (keys, connection strings, tokens) — must be none. */
export function leakedSecrets(lines: readonly string[], secrets: readonly string[]): string[] {
  const present = secrets.filter((s) => s.length >= 8);
  return lines.filter((line) => present.some((secret) => line.includes(secret)));
}
