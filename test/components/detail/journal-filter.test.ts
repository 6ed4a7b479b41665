import { filterFromForm, matchesFilter, NO_FILTER, toFilterInput, withTailEntry } from "../../../components/src/detail/journal-filter";
import type { JournalEntry } from "../../../components/src/detail/detail-types";

const entry = (id: string, over: Partial<JournalEntry> = {}): JournalEntry => ({
  id, at: "2026-11-30T16:00:00.000Z", method: "GET", path: "/api/orders?id=<redacted>", status: 200, durationMs: 12, bytesIn: 0, bytesOut: 10, outcome: "FORWARDED", ...over,
});

test("only the chosen filters go to the server, with the view's limit", () => {
  expect(toFilterInput(NO_FILTER)).toEqual({ limit: 100 });
  expect(toFilterInput({ outcome: "BAD_GATEWAY", statusClass: 5, method: " post ", pathContains: " /api " }, 20)).toEqual({
    outcome: "BAD_GATEWAY", statusClass: 5, method: "POST", pathContains: "/api", limit: 20,
  });
});

test("a tailed entry is tested like the server tests: outcome, status class, method, path text (any case)", () => {
  expect(matchesFilter(entry("a"), NO_FILTER)).toBe(true);
  expect(matchesFilter(entry("a"), { ...NO_FILTER, statusClass: 2 })).toBe(true);
  expect(matchesFilter(entry("a"), { ...NO_FILTER, statusClass: 5 })).toBe(false);
  expect(matchesFilter(entry("a", { status: null, outcome: "ABORTED" }), { ...NO_FILTER, statusClass: 2 })).toBe(false);
  expect(matchesFilter(entry("a"), { ...NO_FILTER, outcome: "ABORTED" })).toBe(false);
  expect(matchesFilter(entry("a"), { ...NO_FILTER, method: "get" })).toBe(true);
  expect(matchesFilter(entry("a"), { ...NO_FILTER, method: "POST" })).toBe(false);
  expect(matchesFilter(entry("a"), { ...NO_FILTER, pathContains: "ORDERS" })).toBe(true);
  expect(matchesFilter(entry("a"), { ...NO_FILTER, pathContains: "/users" })).toBe(false);
});

test("the tail puts new entries on top, skips duplicates and filtered ones, and keeps the limit", () => {
  const list = [entry("b"), entry("a")];
  expect(withTailEntry(list, entry("c"), NO_FILTER).map((e) => e.id)).toEqual(["c", "b", "a"]);
  expect(withTailEntry(list, entry("b"), NO_FILTER)).toBe(list);
  expect(withTailEntry(list, entry("c", { method: "POST" }), { ...NO_FILTER, method: "GET" })).toBe(list);
  expect(withTailEntry(list, entry("c"), NO_FILTER, 2).map((e) => e.id)).toEqual(["c", "b"]);
});

test("form values are read back strictly: unknown outcome or class means any", () => {
  expect(filterFromForm({ outcome: "FORWARDED", statusClass: "4", method: "delete", pathContains: "/x" })).toEqual({ outcome: "FORWARDED", statusClass: 4, method: "DELETE", pathContains: "/x" });
  expect(filterFromForm({ outcome: "EVIL", statusClass: "9", method: "", pathContains: "" })).toEqual(NO_FILTER);
});
