/**
 * The registration detail view against the real stack (host + emulator + sample target): the last hour's chart is
 * drawn (canvas painted, the request sent counted in its words), the live tail shows a request sent through the
 * emulator while the view is open, the state history shows the time online, and the target health says healthy — at 390 px in de-DE and at 1440 px in en-GB,
 * with no horizontal overflow and no serious axe violation. *Probe now* shows the round trip and the answering host;
 * *Replay* shows the target's answer; a reader sees the journal but no Replay and no probe button.
 */
import type { Locator, Page } from "playwright-core";
import { leakedSecrets, signedInPage, type SignedInPage } from "../../support/browser";
import { HYBRID, horizontalOverflow, openDetail, secretsOf, seriousA11yViolations, setLang, TAB, unexpectedErrors, useTab, waitForBadge, type E2E } from "./tab-page";

jest.setTimeout(120_000);

let e2e: E2E;
let admin: SignedInPage;

useTab(
  {
    ready: async ({ e2e: started, tab }) => {
      // With a Send connection string for probing: the probe can go all the way (the registration's own key is Listen-only).
      await started.stack.addRegistration({ probe: { sendConnectionString: started.stack.sendConnectionString } });
      await waitForBadge(tab.page, HYBRID, "ONLINE");
    },
  },
  (started) => ({ e2e, tab: admin } = started),
);

// Browser globals used inside evaluate (the root tsconfig has no DOM lib).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Canvas = any;

const CASES = [
  { width: 1440, height: 900, lang: "en-GB", words: { tail: "Live tail", healthy: "Healthy", requests: /^Requests: \d+/, week: "7 days" } },
  { width: 390, height: 844, lang: "de-DE", words: { tail: "Live mitlesen", healthy: "Gesund", requests: /^Anfragen: \d+/, week: "7 Tage" } },
] as const;

/** Canvas pixels that are not transparent. */
function paintedPixels(chart: Locator): Promise<number> {
  return chart.locator("canvas").first().evaluate((canvas: Canvas) => {
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
    return painted;
  });
}

async function openDetailAt(viewport: { width: number; height: number }, lang: string): Promise<SignedInPage> {
  const session = await signedInPage(e2e.browser, e2e.stack.host.url, { token: e2e.stack.host.adminToken, viewport, locale: lang });
  await session.page.goto(TAB);
  await session.page.locator("azure-relay-settings").waitFor();
  await setLang(session.page, lang);
  await openDetail(session.page, HYBRID);
  return session;
}

describe.each(CASES)("at $width px in $lang", ({ width, height, lang, words }) => {
  let session: SignedInPage;
  let page: Page;
  beforeAll(async () => {
    // Traffic before the view opens: the chart's last hour has it.
    expect((await e2e.stack.sendThroughRelay(`/echo/before-${lang}`)).status).toBe(200);
    session = await openDetailAt({ width, height }, lang);
    page = session.page;
  });
  afterAll(() => session?.close());

  test("the chart is drawn and counts the request sent before", async () => {
    const chart = page.locator("azure-relay-traffic-chart");
    await chart.locator("canvas").first().waitFor();
    await chart.locator("figcaption").filter({ hasText: words.requests }).waitFor();
    expect(await paintedPixels(chart)).toBeGreaterThan(1000);
  });

  test("the live tail shows a request sent through the emulator while the view is open", async () => {
    const journal = page.locator("azure-relay-request-journal");
    await journal.getByRole("button", { name: words.tail }).click();
    expect(await journal.getByRole("button", { name: words.tail }).getAttribute("aria-pressed")).toBe("true");
    const path = `/echo/tail-${lang}-${Date.now()}`;
    // The subscription may still be connecting: send until the entry shows (each send is a real relayed request).
    const row = journal.locator("tbody tr").filter({ hasText: path });
    for (let attempt = 0; attempt < 20 && !(await row.count()); attempt++) {
      expect((await e2e.stack.sendThroughRelay(path)).status).toBe(200);
      await row.first().waitFor({ timeout: 1_000 }).catch(() => undefined);
    }
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain("GET");
  });

  test("the state history shows the time online and its uptime; the keyboard switches it to 7 days", async () => {
    const timeline = page.locator("azure-relay-state-timeline");
    // History is written in batches: the view's periodic refresh brings the first change within a round or two.
    await timeline.locator(".bar .seg.ok").first().waitFor({ timeout: 30_000 });
    await timeline.locator(".figures").filter({ hasText: /\d\s?%/ }).waitFor({ timeout: 30_000 });
    const week = timeline.getByRole("button", { name: words.week });
    await week.focus();
    await page.keyboard.press("Enter");
    expect(await week.getAttribute("aria-pressed")).toBe("true");
    expect(await timeline.locator(".bar .seg.ok").count()).toBeGreaterThan(0);
  });

  test("the target health says the sample service answers", async () => {
    // The check runs every 10 s and the view refreshes every 10 s: the first HEALTHY may take two rounds.
    await page.locator("azure-relay-target-health .state").filter({ hasText: words.healthy }).waitFor({ timeout: 30_000 });
  });

  test("no horizontal overflow, axe clean, nothing secret in the console, no console errors", async () => {
    await session.screenshot(`detail-view--${width}-${lang}`);
    expect(await horizontalOverflow(page)).toEqual({ page: 0, tab: 0, culprits: [] });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(leakedSecrets(session.console, secretsOf(e2e))).toEqual([]);
    expect(unexpectedErrors(session)).toEqual([]);
  });
});

test("a reader sees the journal but no Replay and no Probe now", async () => {
  const reader = await signedInPage(e2e.browser, e2e.stack.host.url, { token: e2e.stack.host.readerToken });
  try {
    await e2e.stack.sendThroughRelay("/echo/seen-by-reader");
    await reader.page.goto(TAB);
    await openDetail(reader.page, HYBRID);
    const journal = reader.page.locator("azure-relay-request-journal");
    await journal.locator("tbody tr").first().waitFor();
    expect(await journal.getByRole("button", { name: /^Replay/ }).count()).toBe(0);
    await reader.page.locator("azure-relay-probe-panel").getByText("Probing needs the permission to change registrations.").waitFor();
    expect(await reader.page.getByRole("button", { name: "Probe now" }).count()).toBe(0);
  } finally {
    await reader.close();
  }
});

test("an admin replays a journal entry to the local target and sees its answer", async () => {
  const { page } = admin;
  await e2e.stack.sendThroughRelay("/echo/replay-me");
  await openDetail(page, HYBRID);
  const journal = page.locator("azure-relay-request-journal");
  await journal.getByLabel("Path contains").fill("/echo/replay-me");
  const row = journal.locator("tbody tr").filter({ hasText: "/echo/replay-me" }).first();
  await row.waitFor();
  await row.getByRole("button", { name: /^Replay/ }).click();
  await row.getByText(/^Replayed to the local target: 200 in/).waitFor();
});

test("Probe now goes through the relay and back, and shows the round trip and the host that answered", async () => {
  const { page } = admin;
  await openDetail(page, HYBRID);
  const panel = page.locator("azure-relay-probe-panel");
  await panel.getByRole("button", { name: "Probe now" }).click();
  await panel.getByText("The whole path works").waitFor({ timeout: 20_000 });
  const text = await panel.locator("section").innerText();
  expect(text).toMatch(/Round trip\s+(<1 ms|\d+ ms|[\d.]+ s)/);
  expect(text).toMatch(/Answered by\s+\S+/);
  expect(text).toContain("listener → sender: answered by");
});
