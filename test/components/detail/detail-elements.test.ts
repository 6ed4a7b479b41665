/**
 * The detail view's presentational elements in real Chromium, fed plain objects (no server): the chart draws on its
 * canvas and states its figures in words; the journal's filters and live-tail switch send their events and *Replay*
 * shows only with the write permission, with its result in the row; the timeline's stretches and figures; the probe's
 * result with a problem translated by its code; the target health. Each at 390 px and 1440 px without horizontal
 * overflow, in en-GB and de-DE, and axe-clean (serious and critical).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, saveScreenshot } from "../../support/browser";
import { seriousViolations } from "../../support/axe";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildComponents } = require("../../../scripts/build-components.js") as { buildComponents(o: { outfile: string }): Promise<unknown> };

// Browser globals used inside page.evaluate (the root tsconfig has no DOM lib).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any, window: any;

jest.setTimeout(90_000);

const ORIGIN = "http://elements.test";
const NOW = Date.parse("2026-11-30T12:00:00.000Z");
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "detail-elements-"));
  const outfile = path.join(dir, "azure-relay.js");
  await buildComponents({ outfile });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const minutes = Array.from({ length: 60 }, (_, i) => ({
  at: new Date(NOW - (59 - i) * 60_000).toISOString(),
  requests: i % 7 === 0 ? 0 : (i % 5) + 1,
  errors: i % 11 === 0 ? 1 : 0,
  p50Ms: i % 7 === 0 ? null : 10 + i,
  p95Ms: i % 7 === 0 ? null : 30 + 2 * i,
}));

const entries = [
  { id: "r2", at: new Date(NOW - 5_000).toISOString(), senderAddress: "203.0.113.7", trackingId: "a1b2c3d4-0000-4000-8000-000000000001", hostId: "host-a", method: "POST", path: "/api/orders/with/a/very/long/path/that/must/wrap/on/a/phone?token=<redacted>", status: 502, durationMs: 31.5, bytesIn: 2048, bytesOut: 120, outcome: "BAD_GATEWAY" },
  { id: "r1", at: new Date(NOW - 65_000).toISOString(), method: "GET", path: "/health", status: 200, durationMs: 4.2, bytesIn: 0, bytesOut: 17, outcome: "FORWARDED" },
  { id: "r0", at: new Date(NOW - 95_000).toISOString(), method: "GET", path: "/search?q=REDACTED", status: 200, durationMs: 7, bytesIn: 0, bytesOut: 90, outcome: "FORWARDED", replayable: false },
];

const history = {
  changes: [
    { at: new Date(NOW - 30 * 3600_000).toISOString(), state: "CONNECTING", previousState: "DISABLED", hostId: "host-a", code: null },
    { at: new Date(NOW - 29.9 * 3600_000).toISOString(), state: "ONLINE", previousState: "CONNECTING", hostId: "host-a", code: null },
    { at: new Date(NOW - 3 * 3600_000).toISOString(), state: "DEGRADED", previousState: "ONLINE", hostId: "host-a", code: "TARGET_UNHEALTHY" },
    { at: new Date(NOW - 2 * 3600_000).toISOString(), state: "ONLINE", previousState: "DEGRADED", hostId: "host-a", code: null },
  ],
  uptime24h: 0.9583, uptime7d: 0.99, flaps24h: 1, flaps7d: 1,
};

const probe = {
  ok: false, at: new Date(NOW - 10_000).toISOString(), roundTripMs: null, answeredBy: null,
  hops: [{ name: "sender → relay", outcome: "refused", ms: 3 }],
  problem: { code: "RELAY_UNAUTHORIZED", message: "server English text", advice: "server English advice" },
};

const targetHealth = {
  settings: { enabled: true, method: "HEAD", path: "/", intervalMs: 10_000, timeoutMs: 5_000, failures: 3, healthyStatuses: "100-499", withdrawOnFailure: true },
  check: { state: "UNHEALTHY", since: new Date(NOW - 60_000).toISOString(), consecutiveFailures: 3, lastDetail: "HEAD / refused", lastCheckedAt: new Date(NOW - 5_000).toISOString(), withdrawn: true },
};

/** A page holding the five elements with the data above, in `language`, at `width`. */
async function elementsPage(width: number, language: "en-GB" | "de-DE"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: language });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    // The bundle and the chunks it loads on demand (uPlot), as the host serves them from components/dist.
    if (url.pathname.endsWith(".js")) return route.fulfill({ contentType: "text/javascript", body: fs.readFileSync(path.join(dir, path.normalize(url.pathname)), "utf8") });
    return route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="${language}"><head><title>elements</title><meta name="viewport" content="width=device-width">
        <script type="module" src="/azure-relay.js"></script><style>body{margin:8px;font-family:sans-serif}main>*{margin-bottom:16px}</style></head>
        <body><main><h1>Detail elements</h1><h2>Traffic</h2><azure-relay-traffic-chart></azure-relay-traffic-chart><azure-relay-request-journal></azure-relay-request-journal>
        <azure-relay-state-timeline></azure-relay-state-timeline><azure-relay-probe-panel></azure-relay-probe-panel><azure-relay-target-health></azure-relay-target-health></main></body></html>`,
    });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => !!window.customElements.get("azure-relay-target-health"));
  await page.evaluate(
    ({ language, minutes, entries, history, probe, targetHealth, now }) => {
      const q = (tag: string) => document.querySelector(tag);
      const at = new Date(now);
      window.__events = [];
      for (const name of ["azure-relay-journal-filter-changed-v1", "azure-relay-journal-tail-toggled-v1", "azure-relay-replay-requested-v1", "azure-relay-history-window-changed-v1", "azure-relay-probe-requested-v1"]) {
        document.addEventListener(name, (e: any) => window.__events.push({ name, detail: e.detail }));
      }
      Object.assign(q("azure-relay-traffic-chart"), { language, points: minutes });
      Object.assign(q("azure-relay-request-journal"), { language, entries, canReplay: true, replays: new Map([["r1", { kind: "done", result: { ok: true, status: 200, durationMs: 3, problem: null } }]]) });
      Object.assign(q("azure-relay-state-timeline"), { language, history, now: at });
      Object.assign(q("azure-relay-probe-panel"), { language, registrationId: "reg-1", result: probe, canProbe: true, now: at, settings: { intervalSeconds: 0, hasSendConnectionString: false } });
      Object.assign(q("azure-relay-target-health"), { language, settings: targetHealth.settings, check: targetHealth.check, targetUrl: "http://127.0.0.1:8080/", now: at });
    },
    { language, minutes, entries, history, probe, targetHealth, now: NOW },
  );
  await page.locator("azure-relay-traffic-chart canvas").waitFor();
  if (errors.length) throw new Error(errors.join("\n"));
  return page;
}

/** How many canvas pixels are not transparent (0 = nothing drawn). */
function drawnPixels(page: Page): Promise<number> {
  return page.locator("azure-relay-traffic-chart canvas").first().evaluate((canvas: any) => {
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
    return painted;
  });
}

/** Document wider than the viewport, in CSS pixels. */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe.each([
  [390, "en-GB"],
  [1440, "de-DE"],
] as const)("at %i px in %s", (width, language) => {
  let page: Page;
  beforeAll(async () => {
    page = await elementsPage(width, language);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  test("the chart draws on its canvas, as wide as its box, and says its figures in words", async () => {
    expect(await drawnPixels(page)).toBeGreaterThan(1000);
    const box = await page.locator("azure-relay-traffic-chart .plot").boundingBox();
    const canvas = await page.locator("azure-relay-traffic-chart canvas").first().boundingBox();
    expect(Math.abs((canvas?.width ?? 0) - (box?.width ?? 0))).toBeLessThanOrEqual(2);
    const caption = await page.locator("azure-relay-traffic-chart figcaption").innerText();
    const total = minutes.reduce((s, m) => s + m.requests, 0);
    expect(caption).toContain(new Intl.NumberFormat(language).format(total));
    expect(await page.locator("azure-relay-traffic-chart .plot").getAttribute("aria-label")).toContain(caption);
  });

  test("no horizontal overflow, and axe finds nothing serious", async () => {
    await saveScreenshot(page, `detail-elements--${width}-${language}`);
    expect(await overflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the timeline draws a stretch per state and the figures", async () => {
    const timeline = page.locator("azure-relay-state-timeline");
    expect(await timeline.locator(".bar .seg").count()).toBe(3); // ONLINE, DEGRADED, ONLINE within 24 h
    expect(await timeline.locator(".bar .seg.warn").count()).toBe(1);
    // Placed along the bar: the DEGRADED hour sits an eighth of the way from the right (3 h to 2 h ago of 24 h).
    const bar = (await timeline.locator(".bar").boundingBox())!;
    const degraded = (await timeline.locator(".bar .seg.warn").boundingBox())!;
    expect((bar.x + bar.width - degraded.x) / bar.width).toBeCloseTo(3 / 24, 1);
    expect(degraded.width / bar.width).toBeCloseTo(1 / 24, 1);
    expect(await timeline.locator(".figures").innerText()).toContain(new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 2 }).format(0.9583));
  });
});

test("uPlot is a chunk of its own, loaded only when a chart is drawn, not part of the entry every page loads", () => {
  const chunks = fs.readdirSync(path.join(dir, "chunks")).filter((f) => /^uPlot.*\.js$/.test(f));
  expect(chunks).toHaveLength(1);
  const library = fs.readFileSync(path.join(dir, "chunks", chunks[0]), "utf8");
  const entry = fs.readFileSync(path.join(dir, "azure-relay.js"), "utf8");
  expect(library.length).toBeGreaterThan(20_000);
  expect(entry).not.toContain(library.slice(200, 400));
  expect(entry).toContain(chunks[0]);
});

describe("behaviour (en-GB, 1440 px)", () => {
  let page: Page;
  beforeAll(async () => {
    page = await elementsPage(1440, "en-GB");
  });
  afterAll(async () => {
    await page?.context().close();
  });
  const events = (): Promise<Array<{ name: string; detail: any }>> => page.evaluate(() => window.__events.splice(0));

  test("the journal's filters and live tail send their events; keyboard reaches them", async () => {
    const journal = page.locator("azure-relay-request-journal");
    await journal.getByLabel("Outcome").selectOption("BAD_GATEWAY");
    await journal.getByLabel("Status class").selectOption("5");
    await journal.getByLabel("Path contains").fill("/api");
    await page.waitForFunction(() => window.__events.some((e: any) => e.detail.filter?.pathContains === "/api"));
    const last = (await events()).filter((e) => e.name === "azure-relay-journal-filter-changed-v1").at(-1);
    expect(last?.detail.filter).toEqual({ outcome: "BAD_GATEWAY", statusClass: 5, method: "", pathContains: "/api" });
    const tail = journal.getByRole("button", { name: "Live tail" });
    await tail.focus();
    await page.keyboard.press("Enter");
    // (Leaving the path field also sends its filter once more: a change event.)
    expect((await events()).filter((e) => e.name !== "azure-relay-journal-filter-changed-v1")).toEqual([{ name: "azure-relay-journal-tail-toggled-v1", detail: { on: true } }]);
  });

  test("an entry's sender, tracking id and host open from its Details", async () => {
    const row = page.locator('azure-relay-request-journal tr[data-id="r2"]');
    expect(await row.getByText("a1b2c3d4-0000-4000-8000-000000000001").isVisible()).toBe(false);
    await row.locator("summary").click();
    await row.getByText("a1b2c3d4-0000-4000-8000-000000000001").waitFor();
    await row.getByText("203.0.113.7").waitFor();
  });

  test("Replay asks for the entry and shows its result; without the write permission there is no Replay", async () => {
    const journal = page.locator("azure-relay-request-journal");
    await journal.getByRole("button", { name: "Replay POST /api/orders", exact: false }).click();
    expect(await events()).toEqual([{ name: "azure-relay-replay-requested-v1", detail: { requestId: "r2" } }]);
    await journal.getByText("Replayed to the local target: 200 in 3 ms.").waitFor();
    // An entry that cannot be replayed as recorded says so instead of offering the button.
    expect(await journal.locator('tr[data-id="r0"]').getByRole("button").count()).toBe(0);
    await journal.locator('tr[data-id="r0"]').getByText("Cannot be replayed as recorded").waitFor();
    await journal.evaluate((el: any) => (el.canReplay = false));
    expect(await journal.getByRole("button", { name: /^Replay/ }).count()).toBe(0);
  });

  test("the probe shows its problem in the catalogue's words, not the server's, and asks for a probe", async () => {
    const panel = page.locator("azure-relay-probe-panel");
    const text = await panel.locator("section").innerText();
    expect(text).toContain("The relay rejected the key (HTTP 401).");
    expect(text).not.toContain("server English text");
    expect(text).toContain("sender → relay: refused (3 ms)");
    await panel.getByRole("button", { name: "Probe now" }).click();
    expect(await events()).toEqual([{ name: "azure-relay-probe-requested-v1", detail: { id: "reg-1" } }]);
  });

  test("the timeline switches its window by event; the target health says unhealthy and withdrawn", async () => {
    await page.locator("azure-relay-state-timeline").getByRole("button", { name: "7 days" }).click();
    expect(await events()).toEqual([{ name: "azure-relay-history-window-changed-v1", detail: { window: "7d" } }]);
    const health = await page.locator("azure-relay-target-health section").innerText();
    expect(health).toContain("Not answering — the registration is degraded");
    expect(health).toContain("HEAD / on http://127.0.0.1:8080/ every 10 s, timeout 5 s; 3 failures in a row");
    expect(health).toContain("The listener is withdrawn from the relay");
  });
});
