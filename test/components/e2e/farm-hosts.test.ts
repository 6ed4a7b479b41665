/**
 * The tab in a web farm (docs/farm.md): a registration's detail (`?registration=<id>`) lists its listener on each
 * host, this host marked, and follows state changes on either host live (status events carry the host id); a
 * Redis outage shows one farm warning on the page until Redis is back. Two hosts on one Redis, the emulator,
 * Debian's Chromium.
 */
import type { Browser } from "playwright-core";
import { launchBrowser, signedInPage, type SignedInPage } from "../../support/browser";
import { emulatorAdmin } from "../../support/emulator";
import { startFarm, type TestFarm } from "../../support/farm";
import { useRedis } from "../../support/redis";
import { waitForState } from "../../support/stack";
import { HYBRID, setLang, TAB, unexpectedErrors } from "./tab-page";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildComponents } = require("../../../scripts/build-components.js") as { buildComponents(): Promise<unknown> };

jest.setTimeout(120_000);

const redis = useRedis();
let farm: TestFarm;
let browser: Browser;
let tab: SignedInPage;
let id: string;

beforeAll(async () => {
  await buildComponents();
  farm = await startFarm(redis.url, ["web-a", "web-b"]);
  id = await farm.addRegistration(farm.hosts[0]!);
  for (const host of farm.hosts) await waitForState(host, id, "ONLINE", 20_000);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await tab?.close();
  await browser?.close();
  await farm?.stop();
});

const hostRow = (hostId: string) => tab.page.locator(`azure-relay-hosts tr[data-host="${hostId}"]`);

test("the detail lists the listener on each host, this host marked, and follows both hosts live", async () => {
  const a = farm.hosts[0]!;
  tab = await signedInPage(browser, a.url, { token: a.adminToken });
  await tab.page.goto(`${TAB}?registration=${id}`);
  const section = tab.page.getByRole("region", { name: "Hosts" });
  await section.waitFor();
  await hostRow("web-a").and(tab.page.locator('[data-state="ONLINE"]')).waitFor();
  await hostRow("web-b").and(tab.page.locator('[data-state="ONLINE"]')).waitFor();
  expect((await hostRow("web-a").getByRole("rowheader").innerText()).trim()).toBe("web-a (this host)");
  expect((await hostRow("web-b").getByRole("rowheader").innerText()).trim()).toBe("web-b");
  expect((await section.getByRole("columnheader").allInnerTexts()).map((t) => t.trim())).toEqual(["Host", "State", "Since", "Last error"]);
  await tab.screenshot("farm-hosts--both-online");

  // Both hosts' listeners are dropped and refused for a moment: each row goes through Reconnecting back to Online.
  await emulatorAdmin(farm.emulator, "POST", "faults/refuse-listeners", { hybridConnection: HYBRID, seconds: 2 });
  await emulatorAdmin(farm.emulator, "POST", "faults/drop-listeners", { hybridConnection: HYBRID });
  for (const hostId of ["web-a", "web-b"]) await hostRow(hostId).and(tab.page.locator('[data-state="RECONNECTING"]')).waitFor({ timeout: 15_000 });
  for (const hostId of ["web-a", "web-b"]) await hostRow(hostId).and(tab.page.locator('[data-state="ONLINE"]')).waitFor({ timeout: 30_000 });
  expect(unexpectedErrors(tab)).toEqual([]);
});

test("a Redis outage shows one farm warning on the page, gone when Redis is back", async () => {
  const warning = tab.page.locator("#farm-warning");
  await redis.pause();
  try {
    await warning.waitFor({ timeout: 20_000 });
    expect(await warning.count()).toBe(1);
    const text = (await warning.innerText()).replace(/\s+/g, " ");
    expect(text).toContain("Web farm: The web farm's shared store (Redis) cannot be reached.");
    expect(text).toContain("Every host keeps serving");
    await tab.screenshot("farm-hosts--redis-down");
  } finally {
    await redis.resume();
  }
  await warning.waitFor({ state: "detached", timeout: 30_000 });
});

test("in German: the Hosts section's labels", async () => {
  const a = farm.hosts[0]!;
  const german = await signedInPage(browser, a.url, { token: a.adminToken, locale: "de-DE" });
  try {
    await german.page.goto(`${TAB}?registration=${id}`);
    // The host decides the language through the lang attribute (a German ECS Core writes de-DE).
    await setLang(german.page, "de-DE");
    const section = german.page.getByRole("region", { name: "Hosts" });
    await section.waitFor();
    expect((await section.getByRole("columnheader").allInnerTexts()).map((t) => t.trim())).toEqual(["Host", "Zustand", "Seit", "Letzter Fehler"]);
    expect((await german.page.locator('azure-relay-hosts tr[data-host="web-a"]').getByRole("rowheader").innerText()).trim()).toBe("web-a (dieser Host)");
  } finally {
    await german.close();
  }
});
