/**
 * The README's screenshots of the overview, from a real Chromium against a seeded reference host (the local relay
 * emulator, the sample service, registrations in mixed states with some traffic):
 *   docs/screenshots/overview-1440.png      laptop width, English
 *   docs/screenshots/overview-390.png       phone width, English, the first screen (the table as stacked rows, the menu folded)
 *   docs/screenshots/overview-de-1440.png   laptop width, a host with ECS_LANGUAGE=de-DE (shell and tab)
 *   docs/screenshots/detail-de-1440.png     the degraded registration's detail there: its lastError and advice in German
 * Run: node -r @swc-node/register scripts/docs-screenshots.ts  (needs /usr/bin/chromium, as the browser tests do).
 * Reuses the tests' fixtures (test/support): the same stack the e2e tests start.
 */
import * as net from "node:net";
import * as path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../test/support/browser";
import { emulatorAdmin } from "../test/support/emulator";
import { signIn } from "../test/support/host";
import { startRelayStack, type RelayStack } from "../test/support/stack";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildComponents } = require("./build-components.js") as { buildComponents(): Promise<unknown> };

const OUT = path.resolve(__dirname, "../docs/screenshots");
const TAB = "/settings/azure-relay";
const FAST_CHECKS = { intervalMs: 500, timeoutMs: 300, failures: 2 };

interface Shot {
  file: string;
  width: number;
  height: number;
  /** The whole page (default), or only the first screen (a phone's long page would dwarf the README). */
  fullPage?: boolean;
  /** Open this registration's detail first. */
  detail?: string;
}

/** Registrations in the states an admin meets: online with traffic, degraded, not found, disabled. */
async function seed(stack: RelayStack): Promise<void> {
  for (const name of ["orders", "billing", "reports"]) await emulatorAdmin(stack.emulator, "POST", "hybrid-connections", { name });
  const root = stack.rootConnectionString;
  await stack.addRegistration({ name: "ECS Core", hybridConnectionName: "ecs-core" });
  await stack.addRegistration({ name: "Orders", connectionString: root, hybridConnectionName: "orders" });
  await stack.addRegistration({ name: "Reports", connectionString: root, hybridConnectionName: "reports" });
  await stack.addRegistration({ name: "Billing", connectionString: root, hybridConnectionName: "billing", targetUrl: await closedPort(), targetHealth: FAST_CHECKS });
  await stack.addRegistration({ name: "Partner portal", connectionString: root, hybridConnectionName: "partner-portal" });
  await stack.addRegistration({ name: "Archive", connectionString: root, hybridConnectionName: "archive", enabled: false });
  for (let i = 0; i < 24; i++) await stack.sendThroughRelay(`/echo/${i}`, { hybridConnection: i % 3 === 0 ? "orders" : "ecs-core" });
}

/** A loopback URL nobody listens on (a port just freed): the Billing target, so its health check fails. */
async function closedPort(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}

/** Signs in with a session cookie (whatever the host's language), opens the tab and waits for the seeded states. */
async function openOverview(browser: Browser, stack: RelayStack, shot: Shot, locale: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: stack.host.url, locale, viewport: { width: shot.width, height: shot.height } });
  const [name, value] = (await signIn(stack.host.url, stack.host.adminToken)).split("=") as [string, string];
  await context.addCookies([{ name, value, url: stack.host.url }]);
  const page = await context.newPage();
  await page.goto(TAB);
  for (const state of ["DEGRADED", "NOT_FOUND", "DISABLED", "ONLINE"]) {
    await page.locator(`azure-relay-overview [data-state="${state}"]`).first().waitFor({ state: "attached", timeout: 20_000 });
  }
  return page;
}

async function shoot(browser: Browser, lang: string, shots: Shot[]): Promise<void> {
  const stack = await startRelayStack({ hostEnv: { ECS_LANGUAGE: lang } });
  try {
    await seed(stack);
    for (const shot of shots) {
      const page = await openOverview(browser, stack, shot, lang);
      if (shot.detail) {
        await page.locator("azure-relay-overview tbody th a").filter({ hasText: shot.detail }).click();
        await page.locator("azure-relay-registration-row azure-relay-status-badge .error").waitFor();
      }
      await page.screenshot({ path: shot.file, fullPage: shot.fullPage ?? true });
      console.log(`wrote ${path.relative(process.cwd(), shot.file)}`);
      await page.context().close();
    }
  } finally {
    await stack.stop();
  }
}

async function main(): Promise<void> {
  await buildComponents();
  const browser = await launchBrowser();
  try {
    await shoot(browser, "en-GB", [
      { file: path.join(OUT, "overview-1440.png"), width: 1440, height: 900 },
      { file: path.join(OUT, "overview-390.png"), width: 390, height: 844, fullPage: false },
    ]);
    await shoot(browser, "de-DE", [
      { file: path.join(OUT, "overview-de-1440.png"), width: 1440, height: 900 },
      { file: path.join(OUT, "detail-de-1440.png"), width: 1440, height: 900, detail: "Billing" },
    ]);
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
