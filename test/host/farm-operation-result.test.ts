/**
 * The System Operations page shows Clear consumer website caches across a web farm readably, in the host's language:
 * how many hosts did their part, each host's caches, listeners and time, a host that failed with its reason, and the
 * hosts that did not answer within the deadline — no JSON, every name escaped.
 */
import { hostTexts } from "../../server/host/reference/i18n/host-texts";
import { renderOutcome } from "../../server/host/reference/pages/operation-result";

const part = (hostId: string, ms: number) => ({
  hostId,
  caches: [{ name: "sites", entriesCleared: 4 }, { name: "metadata", entriesCleared: 0 }],
  listeners: [{ registrationId: "r1", name: "Shop <b>", restarted: true }],
  durationMs: ms,
  error: null,
});
const result = {
  ok: false,
  summary: "Cleared 2 consumer caches (4 entries) and restarted 1 of 1 relay listeners in 5012 ms. 2 of 4 hosts did it; failed on farm-d; farm-c did not answer within 5 s.",
  details: {
    caches: part("farm-a", 0).caches,
    listeners: part("farm-a", 0).listeners,
    durationMs: 5012,
    hosts: [part("farm-a", 12.5), part("farm-b", 30), { ...part("farm-d", 0), caches: [], listeners: [], error: { code: "INTERNAL_SERVER_ERROR", message: "The farm request failed on host farm-d; see its log." } }],
    notAnswering: ["farm-c"],
    deadlineMs: 5000,
  },
};

it("lists every host's part, the failed host's reason and the silent hosts, in English", () => {
  const html = renderOutcome({ id: "x", result }, "Clear consumer website caches", hostTexts("en-GB"));
  expect(html).toContain("<h4>Hosts of the web farm</h4><p>2 of 4 hosts did their part.</p>");
  expect(html).toContain("<h5>Host farm-a</h5><ul class=\"result-list\"><li>Caches cleared: sites: 4 entries, metadata: 0 entries</li><li>Relay listeners: Shop &lt;b&gt;: restarted</li><li>Took 12.5 ms</li></ul>");
  expect(html).toContain("<h5>Host farm-b</h5>");
  expect(html).toContain("<h5>Host farm-d</h5><p>Could not do its part: The farm request failed on host farm-d; see its log. (INTERNAL_SERVER_ERROR)</p>");
  expect(html).toContain("<h4>Not answering</h4><p>These hosts did not answer within 5 s;");
  expect(html).toContain("<li>farm-c</li>");
  expect(html).toContain("finished with problems");
  expect(html).not.toMatch(/[{}]|"hostId"/);
});

it("reads in German on a German host", () => {
  const html = renderOutcome({ id: "x", result }, "Caches leeren", hostTexts("de-DE"));
  expect(html).toContain("<h4>Hosts der Webfarm</h4><p>2 von 4 Hosts haben ihren Teil erledigt.</p>");
  expect(html).toContain("<li>Geleerte Caches: sites: 4 Einträge, metadata: 0 Einträge</li><li>Relay-Listener: Shop &lt;b&gt;: neu gestartet</li><li>Dauer: 12.5 ms</li>");
  expect(html).toContain("Konnte seinen Teil nicht erledigen:");
  expect(html).toContain("<h4>Keine Antwort</h4><p>Diese Hosts haben nicht innerhalb von 5 s geantwortet;");
  expect(html).not.toMatch(/[{}]/);
});

it("shows a farm of one that answered as before: its caches and listeners, no host list", () => {
  const single = { ok: true, summary: "…", details: { ...result.details, hosts: [part("farm-a", 12.5)], notAnswering: [] } };
  const html = renderOutcome({ id: "x", result: single }, "Clear", hostTexts("en-GB"));
  expect(html).toContain("<h4>Caches cleared</h4>");
  expect(html).not.toContain("Hosts of the web farm");
});
