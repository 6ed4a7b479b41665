import { bytes, count, dateTime, latency, relativeTime, stateLabel, statusText, trafficText } from "../../components/src/format";
import { translator } from "../../components/src/i18n";
import { RELAY_STATES, type RelayStatus, type RelayTraffic } from "../../components/src/registrations-client";

const en = translator("en-GB");
const de = translator("de-DE");
const NOW = new Date("2026-11-28T12:00:00Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();

describe("stateLabel", () => {
  it("names every state in words in both languages", () => {
    for (const state of RELAY_STATES) {
      expect(stateLabel(state, en)).toMatch(/\w/);
      expect(stateLabel(state, de)).toMatch(/\w/);
    }
    expect(stateLabel("RECONNECTING", en)).toBe("Reconnecting");
    expect(stateLabel("UNAUTHORIZED", en)).toBe("Unauthorised");
    expect(stateLabel("RECONNECTING", de)).toBe("Verbindet erneut");
  });
});

describe("relativeTime", () => {
  it.each([
    [3, "now"],
    [45, "45 seconds ago"],
    [120, "2 minutes ago"],
    [3 * 3600, "3 hours ago"],
    [86400, "yesterday"],
    [-30, "in 30 seconds"],
  ])("%p s ago → %p", (seconds, text) => expect(relativeTime(ago(seconds), NOW, "en-GB")).toBe(text));

  it("speaks German", () => {
    expect(relativeTime(ago(120), NOW, "de-DE")).toBe("vor 2 Minuten");
    expect(relativeTime(ago(86400), NOW, "de-DE")).toBe("gestern");
  });
});

describe("dateTime", () => {
  it("formats per language", () => {
    expect(dateTime("2026-11-28T12:00:00Z", "en-GB")).toContain("2026");
    expect(dateTime("2026-11-28T12:00:00Z", "de-DE")).toMatch(/28\.11\.2026/);
  });
});

describe("statusText", () => {
  const status = (over: Partial<RelayStatus>): RelayStatus => ({ state: "ONLINE", since: ago(120), attempt: null, nextRetryAt: null, lastError: null, ...over });

  it("shows the state and how long", () => {
    expect(statusText(status({}), en, NOW, "en-GB")).toBe("Online · changed 2 minutes ago");
  });

  it("adds attempt and next retry when the state carries them", () => {
    const text = statusText(status({ state: "RECONNECTING", attempt: 3, nextRetryAt: new Date(NOW.getTime() + 20_000).toISOString() }), en, NOW, "en-GB");
    expect(text).toBe("Reconnecting · changed 2 minutes ago · attempt 3 · next try in 20 seconds");
  });

  it("speaks German", () => {
    expect(statusText(status({ state: "UNAUTHORIZED" }), de, NOW, "de-DE")).toBe("Nicht autorisiert · geändert vor 2 Minuten");
  });
});

describe("bytes", () => {
  it.each([
    [0, "0 B"],
    [512, "512 B"],
    [1536, "1.5 KB"],
    [5 * 1024 * 1024, "5 MB"],
  ])("%p → %p", (value, text) => expect(bytes(value, "en-GB")).toBe(text));

  it("uses German separators", () => expect(bytes(1536, "de-DE")).toBe("1,5 KB"));
  it("never goes negative", () => expect(bytes(-5, "en-GB")).toBe("0 B"));
});

describe("latency", () => {
  it.each([
    [0.4, "<1 ms"],
    [87.6, "88 ms"],
    [999.4, "999 ms"],
    [1534, "1.5 s"],
  ])("%p ms → %p", (ms, text) => expect(latency(ms, "en-GB")).toBe(text));

  it("uses German separators", () => expect(latency(1534, "de-DE")).toBe("1,5 s"));
});

describe("trafficText", () => {
  const traffic = (over: Partial<RelayTraffic>): RelayTraffic => ({
    requests: 0,
    failedRequests: { total: 0 },
    bytesIn: 0,
    bytesOut: 0,
    lastRequestAt: null,
    latencyMs: null,
    ...over,
  });

  it("says when there was no request", () => expect(trafficText(traffic({}), en, "en-GB")).toBe("no requests yet"));

  it("shows requests, errors and p95", () => {
    const text = trafficText(traffic({ requests: 1234, failedRequests: { total: 2 }, latencyMs: { p50: 5, p95: 42.2, p99: 80 } }), en, "en-GB");
    expect(text).toBe("Requests: 1,234 · Errors: 2 · p95: 42 ms");
  });

  it("formats counts per language", () => expect(count(1234, "de-DE")).toBe("1.234"));
});
