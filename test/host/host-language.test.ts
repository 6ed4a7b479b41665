/**
 * The host's own texts follow `ECS_LANGUAGE`: the German catalogue has every English key (and no stray ones, no empty
 * text, the same placeholders), and a host started with ECS_LANGUAGE=de-DE shows sign-in, shell and System Operations
 * in German; its host assets are served (and nothing else under /host-assets/).
 */
import * as path from "node:path";
import { HOST_CATALOGUES, hostTexts } from "../../server/host/reference/i18n/host-texts";
import { renderOutcome } from "../../server/host/reference/pages/operation-result";
import { operationTexts } from "../../server/host/reference/pages/operation-texts";
import { clearCachesMessages, clearCachesTexts } from "../../server/plugin/operations/clear-caches-messages";
import { REPO_ROOT, startTestHost, type TestHost } from "../support/host";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("host texts", () => {
  it("every catalogue has exactly the English keys, non-empty, with the same placeholders", () => {
    const english = HOST_CATALOGUES["en-GB"];
    for (const [lang, catalogue] of Object.entries(HOST_CATALOGUES)) {
      expect([lang, Object.keys(catalogue).sort()]).toEqual([lang, Object.keys(english).sort()]);
      for (const [key, text] of Object.entries(catalogue)) {
        expect([lang, key, text.trim().length > 0]).toEqual([lang, key, true]);
        expect([lang, key, placeholders(text)]).toEqual([lang, key, placeholders(english[key as keyof typeof english])]);
      }
    }
  });
});

describe("the outcome of a system operation", () => {
  // The plugin's own messages (code + params) and texts (contract SystemOperation.texts), not a copy of them.
  const listeners = [{ registrationId: "r1", name: "Shop", restarted: true }, { registrationId: "r2", name: "Old <b>", restarted: false }];
  const { summary, lines } = clearCachesMessages([{ name: "sites", entriesCleared: 4 }], listeners, 12.5);
  const result = { ok: true, summary: summary.text, summaryMessage: summary, lines, details: { durationMs: 12.5 } };
  const texts = clearCachesTexts();

  it("reads as sentences and lists in the host's language, from the operation's codes and texts — no JSON", () => {
    const german = renderOutcome({ id: "x", result }, "Caches leeren", hostTexts("de-DE"), operationTexts(texts, "de-DE"));
    expect(german).toContain("1 Consumer-Caches geleert (4 Einträge) und 1 von 2 Relay-Listenern in 12.5 ms neu gestartet.");
    expect(german).toContain("<li>Cache sites: 4 Einträge geleert</li>");
    expect(german).toContain("<li>Relay-Listener Shop: neu gestartet</li>");
    expect(german).toContain("<li>Relay-Listener Old &lt;b&gt;: nicht neu gestartet (lief nicht)</li>"); // names are escaped
    expect(german).not.toMatch(/[{}]|Cleared|restarted/);
    const english = renderOutcome({ id: "x", result }, "Clear", hostTexts("en-GB"), operationTexts(texts, "en-GB"));
    expect(english).toContain("Cleared 1 consumer caches (4 entries) and restarted 1 of 2 relay listeners in 12.5 ms.");
    expect(english).toContain("<li>Relay listener Shop: restarted</li>");
  });

  it("falls back to the operation's English for a language or a code it has no text for", () => {
    const unknownCode = { ...result, summaryMessage: { code: "SOMETHING_NEW", params: {}, text: "Did something new." } };
    expect(renderOutcome({ id: "x", result: unknownCode }, "X", hostTexts("de-DE"), operationTexts(texts, "de-DE"))).toContain("Did something new.");
    expect(operationTexts(texts, "fr-FR")).toBeUndefined();
    expect(operationTexts(texts, "de-AT")?.title).toBe("Caches der Consumer-Websites leeren");
  });

  it("an operation without lines shows its details as plain values", () => {
    const plain = renderOutcome({ id: "x", result: { ok: true, summary: "Done.", details: { removed: 3 } } }, "X", hostTexts("de-DE"));
    expect(plain).toContain("<dt>removed</dt><dd>3</dd>");
  });
});

describe("a host with ECS_LANGUAGE=de-DE", () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [path.join(__dirname, "fixtures/fixture-plugin"), REPO_ROOT], env: { ECS_LANGUAGE: "de-DE" } });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it("shows the sign-in page, its errors, the shell and System Operations in German", async () => {
    const login = await (await fetch(`${host.url}/login`)).text();
    expect(login).toContain('<html lang="de-DE">');
    expect(login).toContain(">Zugriffstoken</label>");
    expect(login).toMatch(/<button class="button" type="submit">Anmelden<\/button>/);
    const refused = await fetch(`${host.url}/login`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "token=wrong-token-of-sufficient-length" });
    expect(await refused.text()).toContain("Dieses Zugriffstoken ist ungültig.");
    const cookie = await host.signIn();
    const page = await (await fetch(`${host.url}/settings/system-operations`, { headers: { cookie } })).text();
    expect(page).toContain('<nav id="site-nav" aria-label="Einstellungen"><h2>Einstellungen</h2>');
    expect(page).toContain(">Abmelden</button>");
    expect(page).toContain("<h2>Systemvorgänge</h2>");
    expect(page).toContain('aria-current="page">Systemvorgänge</a>');
    expect(page).toContain(">Ausführen</button>");
    expect(page).toContain("☰ Menü</button>");
  });

  it("shows the Azure Relay plugin's operation and its outcome in German (texts and codes from the plugin)", async () => {
    const cookie = await host.signIn();
    const page = await (await fetch(`${host.url}/settings/system-operations`, { headers: { cookie } })).text();
    expect(page).toContain(">Caches der Consumer-Websites leeren</h3>");
    expect(page).toContain("Leert die Caches der Consumer-Websites");
    const id = "azure-relay.clear-consumer-website-caches";
    const run = await fetch(`${host.url}/settings/system-operations/${id}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", "x-requested-with": "fetch", origin: host.url, "sec-fetch-site": "same-origin" },
      body: "confirm=yes",
    });
    const outcome = await run.text();
    expect([run.status, outcome]).toEqual([200, expect.stringContaining("Caches der Consumer-Websites leeren: erledigt")]);
    expect(outcome).toMatch(/Consumer-Caches geleert \(\d+ Einträge\) und 0 von 0 Relay-Listenern in [\d.]+ ms neu gestartet\./);
    expect(outcome).toContain("<li>Es lief kein Relay-Listener.</li>");
    expect(outcome).not.toMatch(/Cleared|restarted|entries/);
  });

  it("serves its two scripts under /host-assets/ and 404 for anything else", async () => {
    const shell = await fetch(`${host.url}/host-assets/shell.js`);
    expect([shell.status, shell.headers.get("content-type")]).toEqual([200, "text/javascript; charset=utf-8"]);
    for (const other of ["/host-assets/../host.ts", "/host-assets/%2e%2e%2fhost.ts", "/host-assets/missing.js", "/host-assets/"]) {
      expect([other, (await fetch(`${host.url}${other}`)).status]).toEqual([other, 404]);
    }
  });
});
