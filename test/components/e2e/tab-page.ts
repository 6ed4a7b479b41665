/**
 * What the e2e tests do on the Azure Relay tab, in the words of the UI (roles and labels; playwright's
 * locators pierce the elements' open shadow roots). One stack + one browser per test file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { launchBrowser, signedInPage, type SignedInPage } from "../../support/browser";
import { startRelayStack, type RelayStack, type RelayStackOptions } from "../../support/stack";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildComponents } = require("../../../scripts/build-components.js") as { buildComponents(): Promise<unknown> };

// The functions handed to page.evaluate run in Chromium. The root tsconfig (server + tests) has no DOM lib,
// so the few browser globals they use are declared loosely here, for this module only.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any, window: any, getComputedStyle: any, MutationObserver: any;
declare const HTMLInputElement: any, HTMLTextAreaElement: any, Document: any;
type Root = any;

export const TAB = "/settings/azure-relay";
export const HYBRID = "ecs-core";

export interface E2E {
  stack: RelayStack;
  browser: Browser;
  stop(): Promise<void>;
}

/** Builds the bundle from the current sources, starts the stack (with `options`, e.g. `arm`) and Chromium. */
export async function startE2E(options: RelayStackOptions = {}): Promise<E2E> {
  await buildComponents();
  const stack = await startRelayStack(options);
  const browser = await launchBrowser().catch(async (error) => {
    await stack.stop();
    throw error;
  });
  return {
    stack,
    browser,
    stop: async () => {
      await browser.close();
      await stack.stop();
    },
  };
}

export interface OpenTabOptions {
  locale?: string;
  token?: string;
  beforeOpen?: (page: Page) => Promise<void>;
}

/** A signed-in admin on the tab, with the tab rendered. */
export async function openTab(e2e: E2E, options: OpenTabOptions = {}): Promise<SignedInPage> {
  const session = await signedInPage(e2e.browser, e2e.stack.host.url, {
    token: options.token ?? e2e.stack.host.adminToken,
    locale: options.locale,
  });
  await options.beforeOpen?.(session.page);
  await session.page.goto(TAB);
  await session.page.locator("azure-relay-settings").waitFor();
  return session;
}

/** The stack and the signed-in tab of a test file, once its `beforeAll` has run. */
export interface TabSession {
  e2e: E2E;
  tab: SignedInPage;
}

export interface UseTabOptions {
  /** For `startE2E` (e.g. `arm`, `hostEnv`). */
  stack?: RelayStackOptions;
  /** Adds the stack's registration (`stack.addRegistration()`) before the tab opens. */
  withRegistration?: boolean;
  /** For `openTab`; a function is given the started stack (e.g. for its reader token). */
  open?: OpenTabOptions | ((e2e: E2E) => OpenTabOptions);
  /** Waits on the open tab, still inside `beforeAll` (e.g. for a badge, or to record announcements). */
  ready?: (session: TabSession) => Promise<void>;
  /** After each test, presses Escape while a dialog or an alertdialog is open, so a failed test leaves no modal over the page. */
  dismissDialogsAfterEach?: boolean;
}

/**
 * The usual set-up of an e2e test file: in `beforeAll`, starts the stack and Chromium (`startE2E`) and opens the
 * tab (`openTab`), then hands both to `bind` (which keeps them in the file's variables); in `afterAll`, closes
 * the tab and stops everything.
 */
export function useTab(options: UseTabOptions, bind: (session: TabSession) => void): void {
  let session: Partial<TabSession> = {};
  beforeAll(async () => {
    const e2e = await startE2E(options.stack);
    session = { e2e };
    if (options.withRegistration) await e2e.stack.addRegistration();
    const open = typeof options.open === "function" ? options.open(e2e) : options.open;
    const tab = await openTab(e2e, open);
    session = { e2e, tab };
    bind(session as TabSession);
    await options.ready?.(session as TabSession);
  });
  if (options.dismissDialogsAfterEach) {
    afterEach(async () => {
      const { tab } = session as TabSession;
      if (await tab.page.getByRole("dialog").count()) await tab.page.keyboard.press("Escape");
      if (await tab.page.getByRole("alertdialog").count()) await tab.page.keyboard.press("Escape");
    });
  }
  afterAll(async () => {
    await session.tab?.close();
    await session.e2e?.stop();
  });
}

export function screenshotName(file: string, test: string): string {
  return `${path.basename(file, ".test.ts")}--${test.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
}

/** The detail card of the registration called `name` (shown once its detail is open: `openDetail`). */
export function row(page: Page, name: string): Locator {
  return page.locator("azure-relay-registration-row").filter({ has: page.getByRole("heading", { name, exact: true }) });
}

/** The status badge in the detail card of `name`. */
export function badge(page: Page, name: string): Locator {
  return row(page, name).locator("azure-relay-status-badge");
}

/** The overview table's row of the registration called `name` (by text, not role: found while the overview is hidden too). */
export function tableRow(page: Page, name: string): Locator {
  const exact = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
  return page.locator("azure-relay-overview tbody tr").filter({ has: page.locator("th a").filter({ hasText: exact }) });
}

/** The names in the overview table, top to bottom. */
export function tableNames(page: Page): Promise<string[]> {
  return page.locator("azure-relay-overview tbody tr th a").allInnerTexts();
}

/**
 * Waits until the overview row of `name` shows `state` (its `data-state`; the badge says the same in words).
 * The overview stays in the DOM (hidden) while a detail is open, so this works on either view.
 */
export async function waitForBadge(page: Page, name: string, state: string, timeout = 15_000): Promise<void> {
  await tableRow(page, name).and(page.locator(`[data-state="${state}"]`)).waitFor({ timeout, state: "attached" });
}

/** Opens the detail of `name` from the overview (going back to the overview first if another detail is open). */
export async function openDetail(page: Page, name: string): Promise<Locator> {
  const card = row(page, name);
  if (await card.isVisible()) return card;
  const back = page.locator("azure-relay-settings #detail .back");
  if (await back.isVisible()) await back.click();
  await tableRow(page, name).getByRole("link", { name, exact: true }).click();
  await card.waitFor();
  return card;
}

/** Back from a detail to the overview (nothing when the overview shows). */
export async function backToOverview(page: Page): Promise<void> {
  const back = page.locator("azure-relay-settings #detail .back");
  if (await back.isVisible()) await back.click();
  await page.locator("azure-relay-overview").waitFor();
}

/** Opens the add dialog, pastes `connectionString`, fills the optional fields given, and saves. */
export async function addThroughDialog(page: Page, connectionString: string, fields: { name?: string; hybrid?: string; target?: string } = {}): Promise<void> {
  await page.getByRole("button", { name: "Add Relay Registration" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Azure Relay registration" });
  await dialog.getByLabel("Connection string").fill(connectionString);
  if (fields.name) await dialog.getByLabel("Name (optional)").fill(fields.name);
  if (fields.hybrid) await dialog.getByLabel(/^Hybrid connection/).fill(fields.hybrid);
  if (fields.target) await dialog.getByLabel("Target URL (optional)").fill(fields.target);
  await dialog.getByRole("button", { name: "Add Azure Relay Registration" }).click();
}

/**
 * Every text, attribute and form value of the page, looking through shadow roots — to prove a pasted key
 * is nowhere in the DOM any more.
 */
export function deepDomText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Root) => {
      out.push(root instanceof Document ? root.documentElement.outerHTML : root.innerHTML);
      for (const el of root.querySelectorAll("*") as Root[]) {
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) out.push(el.value);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out.join("\n");
  });
}

/** The SharedAccessKey value of a connection string. */
export function keyOf(connectionString: string): string {
  const match = /SharedAccessKey=([^;]+)/.exec(connectionString);
  if (!match) throw new Error("no SharedAccessKey in the connection string");
  return match[1];
}

/** Starts recording every text the tab's aria-live announcer shows (read with `announcements`). */
export async function recordAnnouncements(page: Page): Promise<void> {
  await page.evaluate(() => {
    const announcer = document.querySelector("azure-relay-settings")?.shadowRoot?.querySelector("#announcer");
    if (!announcer) throw new Error("no announcer");
    const log: string[] = [];
    window.__announcements = log;
    new MutationObserver(() => {
      const text = announcer.textContent?.trim();
      if (text) log.push(text);
    }).observe(announcer, { childList: true, characterData: true, subtree: true });
  });
}

/** Waits until some announcement contains `text`. */
export async function waitForAnnouncement(page: Page, text: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction((t) => ((window.__announcements as string[] | undefined) ?? []).some((a) => a.includes(t)), text, { timeout });
}

export interface Focused {
  tag: string;
  id: string;
  /** The text of its `<label for>`, or its own text (buttons). */
  label: string;
  /** Computed outline style: not "none" means the focus is visible. */
  outline: string;
}

/** The element that has focus, looking through shadow roots. */
export function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    let a: Root = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (!a) return null;
    const root: Root = a.getRootNode();
    const label = a.id ? root.querySelector(`label[for="${a.id}"]`)?.textContent : null;
    return { tag: String(a.tagName).toLowerCase(), id: String(a.id), label: String(label ?? a.textContent ?? "").trim(), outline: String(getComputedStyle(a).outlineStyle) };
  });
}

/** Sets (or, with null, removes) the `lang` attribute of the tab root, as a host would. */
export async function setLang(page: Page, lang: string | null): Promise<void> {
  await page.evaluate((value) => {
    const root: Root = document.querySelector("azure-relay-settings");
    if (value === null) root.removeAttribute("lang");
    else root.setAttribute("lang", value);
  }, lang);
}

/** Sets CSS custom properties on the document root, as a host's theme would. */
export async function setTheme(page: Page, properties: Record<string, string>): Promise<void> {
  await page.evaluate((props) => {
    for (const [name, value] of Object.entries(props)) document.documentElement.style.setProperty(name, value);
  }, properties);
}

/** A computed style property of the first element matching `locator`. */
export function computed(locator: Locator, property: string): Promise<string> {
  return locator.evaluate((el: Root, prop: string) => String(getComputedStyle(el).getPropertyValue(prop)), property);
}

/** Everything secret the stack hands out: connection strings, their keys, and the access tokens. */
export function secretsOf(e2e: E2E): string[] {
  const strings = e2e.stack.emulator.connectionStrings().map((c) => c.connectionString);
  return [...strings, ...strings.map(keyOf), e2e.stack.host.adminToken, e2e.stack.host.readerToken];
}

/**
 * Runs axe-core (the devDependency, injected into the page) on `context` — by default the tab's element, its shadow
 * tree and its dialogs (the host's shell around it is another part's business) — and returns its serious and
 * critical violations, each as "rule: targets".
 */
export async function seriousA11yViolations(page: Page, context = "azure-relay-settings"): Promise<string[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the host's CSP (script-src 'self') rightly blocks inline scripts.
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> = await page.evaluate(
    async (selector) => (await window.axe.run({ include: [[selector]] }, { resultTypes: ["violations"] })).violations,
    context,
  );
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}

/**
 * How far content sticks out sideways: of the page (`document.scrollingElement`), and of the tab's own box (any
 * element of the tab, through shadow roots, reaching past the tab's right edge or the viewport's; an element of a
 * modal dialog past the viewport's); `culprits` names those elements, for the failure message.
 */
export function horizontalOverflow(page: Page): Promise<{ page: number; tab: number; culprits: string[] }> {
  return page.evaluate(() => {
    const tab: Root = document.querySelector("azure-relay-settings");
    const edge = Math.min(tab.getBoundingClientRect().right, window.innerWidth);
    let widest = edge;
    const culprits: string[] = [];
    const walk = (root: Root, trail: string) => {
      for (const el of root.querySelectorAll("*") as Root[]) {
        const r = el.getBoundingClientRect();
        // A modal dialog sits in the top layer, over the whole viewport: it only has to fit the viewport.
        const limit = el.closest("dialog") ? window.innerWidth : edge;
        if (r.width > 0 && r.height > 0 && r.right > limit + 0.5) {
          widest = Math.max(widest, edge + (r.right - limit));
          culprits.push(`${trail}${String(el.tagName).toLowerCase()}${el.id ? `#${el.id}` : ""}.${String(el.className)} → ${Math.round(r.right)}`);
        }
        if (el.shadowRoot) walk(el.shadowRoot, `${trail}${String(el.tagName).toLowerCase()} > `);
      }
    };
    walk(tab.shadowRoot, "");
    return { page: document.scrollingElement.scrollWidth - window.innerWidth, tab: Math.ceil(widest - edge), culprits: culprits.slice(0, 10) };
  });
}

/** Console errors other than a missing resource (404) — there should be none. */
export function unexpectedErrors(session: SignedInPage): string[] {
  return session.errors.filter((e) => !/status of 404/.test(e));
}
