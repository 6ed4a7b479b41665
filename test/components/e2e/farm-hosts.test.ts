/**
 * The tab in a web farm (docs/farm.md): a registration's detail (`?registration=<id>`) lists its listener on each
 * host, this host marked, and follows state changes on either host live (status events carry the host id); a
 * Redis outage shows one farm warning on the page until Redis is back. A writer restarts one host's listener from
 * the Hosts section (at 390 px and 1440 px, axe clean); a frozen host's refusal is said in German; a reader sees no
 * Restart. Two hosts on one Redis (a third, frozen, in its own process), the emulator, Debian's Chromium.
 */
import type { Browser } from "playwright-core";
import { launchBrowser, signedInPage, type SignedInPage } from "../../support/browser";
import { emulatorAdmin } from "../../support/emulator";
import { waitUntil } from "../../support/eventually";
import { startFarm, type TestFarm } from "../../support/farm";
import { startChildHost, type ChildHost } from "../../support/farm-child-host";
import { useRedis } from "../../support/redis";
import { waitForState } from "../../support/stack";
import { horizontalOverflow, HYBRID, seriousA11yViolations, setLang, TAB, unexpectedErrors } from "./tab-page";

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

/** The ids of the listeners the relay (the emulator) has on the hybrid connection now. */
async function relayListenerIds(): Promise<string[]> {
  const { body } = await emulatorAdmin(farm.emulator, "GET", "listeners");
  return ((body as Record<string, string[]>)[HYBRID] ?? []).slice().sort();
}

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
  expect((await section.getByRole("columnheader").allInnerTexts()).map((t) => t.trim())).toEqual(["Host", "State", "Since", "Last error", "Actions"]);
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
    expect((await section.getByRole("columnheader").allInnerTexts()).map((t) => t.trim())).toEqual(["Host", "Zustand", "Seit", "Letzter Fehler", "Aktionen"]);
    expect((await german.page.locator('azure-relay-hosts tr[data-host="web-a"]').getByRole("rowheader").innerText()).trim()).toBe("web-a (dieser Host)");
  } finally {
    await german.close();
  }
});

test("a writer restarts one host's listener from the Hosts section, at 1440 px and 390 px, without overflow or axe findings", async () => {
  const a = farm.hosts[0]!;
  for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    const page = await signedInPage(browser, a.url, { token: a.adminToken });
    try {
      await page.page.setViewportSize(viewport);
      await page.page.goto(`${TAB}?registration=${id}`);
      const section = page.page.getByRole("region", { name: "Hosts" });
      const rowB = page.page.locator('azure-relay-hosts tr[data-host="web-b"]');
      await rowB.and(page.page.locator('[data-state="ONLINE"]')).waitFor({ timeout: 20_000 });
      const before = await relayListenerIds();
      expect(before).toHaveLength(2);
      await section.getByRole("button", { name: "Restart the listener on web-b" }).click();
      await section.getByRole("status").getByText("The listener on web-b was restarted.").waitFor({ timeout: 30_000 });
      // One listener went round at the relay (web-b's, make-before-break) and the other (this host's) did not.
      await waitUntil("one listener replaced, one kept", async () => {
        const now = await relayListenerIds();
        return now.length === 2 && now.filter((listener) => before.includes(listener)).length === 1;
      }, 30_000, 100);
      await rowB.and(page.page.locator('[data-state="ONLINE"]')).waitFor({ timeout: 30_000 });
      expect(await horizontalOverflow(page.page)).toEqual({ page: 0, tab: 0, culprits: [] });
      expect(await seriousA11yViolations(page.page)).toEqual([]);
      await page.screenshot(`farm-hosts--restarted-${viewport.width}`);
      expect(unexpectedErrors(page)).toEqual([]);
    } finally {
      await page.close();
    }
  }
  for (const host of farm.hosts) await waitForState(host, id, "ONLINE", 20_000);
});

test("a reader sees the hosts but no Restart", async () => {
  const a = farm.hosts[0]!;
  const reader = await signedInPage(browser, a.url, { token: a.readerToken });
  try {
    await reader.page.goto(`${TAB}?registration=${id}`);
    const section = reader.page.getByRole("region", { name: "Hosts" });
    await reader.page.locator('azure-relay-hosts tr[data-host="web-b"]').waitFor({ timeout: 20_000 });
    expect((await section.getByRole("columnheader").allInnerTexts()).map((t) => t.trim())).toEqual(["Host", "State", "Since", "Last error"]);
    expect(await section.getByRole("button").count()).toBe(0);
  } finally {
    await reader.close();
  }
});

describe("a host that does not answer", () => {
  let frozen: ChildHost;
  beforeAll(async () => {
    // Its heartbeat lives two minutes (its own TTL), so frozen it stays a member: the restart waits for it, then gives up.
    frozen = await startChildHost(farm, "web-c", { ECS_FARM_HOST_TTL_MS: "120000" });
  }, 60_000);
  afterAll(() => frozen?.stop());

  test("Restart on a frozen host says in German that it did not answer (FARM_HOST_NOT_ANSWERING), axe clean", async () => {
    const a = farm.hosts[0]!;
    const german = await signedInPage(browser, a.url, { token: a.adminToken, locale: "de-DE" });
    try {
      await german.page.goto(`${TAB}?registration=${id}`);
      await setLang(german.page, "de-DE");
      const rowC = german.page.locator('azure-relay-hosts tr[data-host="web-c"]');
      await rowC.and(german.page.locator('[data-state="ONLINE"]')).waitFor({ timeout: 45_000 });
      frozen.freeze();
      try {
        const section = german.page.getByRole("region", { name: "Hosts" });
        await section.getByRole("button", { name: "Den Listener auf web-c neu starten" }).click();
        const alert = section.getByRole("alert");
        await alert.getByText(/Der Listener auf web-c wurde nicht neu gestartet: Host „web-c“ hat nicht innerhalb von [\d,]+ s geantwortet/).waitFor({ timeout: 60_000 });
        expect(await alert.innerText()).not.toMatch(/did not answer|Try again/);
        expect(await seriousA11yViolations(german.page)).toEqual([]);
        await german.screenshot("farm-hosts--restart-not-answering-de");
      } finally {
        frozen.thaw();
      }
    } finally {
      await german.close();
    }
  }, 120_000);
});
