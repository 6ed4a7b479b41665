/**
 * The host's own texts follow `ECS_LANGUAGE`: the German catalogue has every English key (and no stray ones, no empty
 * text, the same placeholders), and a host started with ECS_LANGUAGE=de-DE shows sign-in, shell and System Operations
 * in German; its host assets are served (and nothing else under /host-assets/).
 */
import * as path from "node:path";
import { HOST_CATALOGUES, hostTexts } from "../../server/host/reference/i18n/host-texts";
import { renderOutcome } from "../../server/host/reference/pages/operation-result";
import { startTestHost, type TestHost } from "../support/host";

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

describe("the outcome of Clear consumer website caches", () => {
  const result = {
    ok: true,
    summary: "Cleared 1 consumer caches (4 entries) and restarted 1 of 2 relay listeners in 12.5 ms.",
    details: { caches: [{ name: "sites", entriesCleared: 4 }], listeners: [{ registrationId: "r1", name: "Shop", restarted: true }, { registrationId: "r2", name: "Old <b>", restarted: false }], durationMs: 12.5 },
  };

  it("reads as sentences and lists in the host's language — what was cleared, which listeners restarted, how long; no JSON", () => {
    const german = renderOutcome({ id: "x", result }, "Caches leeren", hostTexts("de-DE"));
    expect(german).toContain("1 Consumer-Caches geleert (4 Einträge) und 1 von 2 Relay-Listenern in 12.5 ms neu gestartet.");
    expect(german).toContain("<li>sites: 4 Einträge</li>");
    expect(german).toContain("<li>Shop: neu gestartet</li>");
    expect(german).toContain("<li>Old &lt;b&gt;: nicht neu gestartet (lief nicht)</li>"); // names are escaped
    expect(german).toContain("Dauer: 12.5 ms");
    expect(german).not.toMatch(/[{}]/);
    expect(renderOutcome({ id: "x", result }, "Clear", hostTexts("en-GB"))).toContain(result.summary);
  });
});

describe("a host with ECS_LANGUAGE=de-DE", () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [path.join(__dirname, "fixtures/fixture-plugin")], env: { ECS_LANGUAGE: "de-DE" } });
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

  it("serves its two scripts under /host-assets/ and 404 for anything else", async () => {
    const shell = await fetch(`${host.url}/host-assets/shell.js`);
    expect([shell.status, shell.headers.get("content-type")]).toEqual([200, "text/javascript; charset=utf-8"]);
    for (const other of ["/host-assets/../host.ts", "/host-assets/%2e%2e%2fhost.ts", "/host-assets/missing.js", "/host-assets/"]) {
      expect([other, (await fetch(`${host.url}${other}`)).status]).toEqual([other, 404]);
    }
  });
});
