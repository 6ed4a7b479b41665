/** The installation's journal settings (journal-config.ts): defaults, accepted values, and errors that name the key. */
import type { HostConfig } from "../../../server/host/contract";
import { journalSettingsFrom } from "../../../server/plugin/journal/journal-config";
import { validJournal } from "../../../server/plugin/journal/journal-settings";

const config = (values: Record<string, string>): HostConfig => ({ hostId: "h", defaultTargetUrl: "http://127.0.0.1:1/", listenAddresses: [], get: (key) => values[key] });

test("defaults: on, query values redacted, no extra headers", () => {
  expect(journalSettingsFrom(config({}))).toEqual({ enabled: true, keepQueryValues: false, redactHeaders: [] });
});

test("journal=off, journalQueryValues=keep and a header list are taken (any case, commas or spaces)", () => {
  expect(journalSettingsFrom(config({ journal: " OFF ", journalQueryValues: "keep", journalRedactHeaders: "X-Api-Key, x-functions-key  X-Other" }))).toEqual({
    enabled: false,
    keepQueryValues: true,
    redactHeaders: ["X-Api-Key", "x-functions-key", "X-Other"],
  });
});

test("a wrong value stops activation with a message naming the setting and what is right", () => {
  expect(() => journalSettingsFrom(config({ journal: "maybe" }))).toThrow(/azure-relay\.journal is "maybe" — use on or off/);
  expect(() => journalSettingsFrom(config({ journalQueryValues: "show" }))).toThrow(/journalQueryValues .* use redact or keep/);
  expect(() => journalSettingsFrom(config({ journalRedactHeaders: "X-Ok, bad:name" }))).toThrow(/journalRedactHeaders has "bad:name"/);
});

test("per-registration settings: defaults, partial updates, bounds named by field", () => {
  expect(validJournal(undefined)).toEqual({ size: 200, recordBodies: false });
  expect(validJournal({ recordBodies: true }, { size: 50, recordBodies: false })).toEqual({ size: 50, recordBodies: true });
  expect(() => validJournal({ size: -1 })).toThrow(/Journal size must be a whole number from 0 to 5000; got -1/);
  expect(() => validJournal({ size: 1.5 })).toThrow(/got 1.5/);
});
