/**
 * The history recorder over a real SQLite store (keyv, as the reference host uses): writes are batched (a flapping
 * listener costs one write per flush, not one per change), bounds hold (count and age), a fresh recorder on the same
 * file reads the history back, and each host keeps its own.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Logger, PluginStore } from "../../../server/host/contract";
import { createStoreFactory, type StoreFactory } from "../../../server/host/reference/store";
import { HistoryRecorder } from "../../../server/plugin/history/history-recorder";
import type { HistorySettings } from "../../../server/plugin/history/history-settings";
import type { RelayState, RelayStatus } from "../../../server/plugin/supervisor/relay-status";
import { waitUntil } from "../../support/eventually";

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
const SETTINGS: HistorySettings = { maxAgeMs: 7 * 24 * 3_600_000, maxChanges: 1000, flushMs: 20 };

let dir: string;
let stores: StoreFactory[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "history-"));
});
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()));
  stores = [];
  fs.rmSync(dir, { recursive: true, force: true });
});

function openStore(): PluginStore {
  const factory = createStoreFactory(`sqlite://${path.join(dir, "store.sqlite")}`);
  stores.push(factory);
  return factory.namespace("azure-relay");
}

/** A store that counts writes. */
function counting(store: PluginStore): PluginStore & { sets: number } {
  const counted = { ...store, sets: 0, set: async <T>(key: string, value: T) => { counted.sets += 1; await store.set(key, value); } };
  return counted;
}

function change(registrationId: string, state: RelayState, previous: RelayState | null, at: number) {
  const status = (state === "RECONNECTING"
    ? { state, since: new Date(at), attempt: 1, nextRetryAt: null, lastError: { code: "RELAY_CONNECTION_LOST", message: "lost", advice: "wait" } }
    : { state, since: new Date(at) }) as RelayStatus;
  return { registrationId, status, previous };
}

test("a flapping listener costs one store write per flush, never one per change; the record call never waits", async () => {
  const store = counting(openStore());
  const recorder = new HistoryRecorder({ store, hostId: "h1", logger: quiet, settings: SETTINGS });
  const start = Date.now() - 10_000;
  for (let i = 0; i < 2000; i++) recorder.record(change("r1", i % 2 ? "RECONNECTING" : "ONLINE", i ? (i % 2 ? "ONLINE" : "RECONNECTING") : null, start + i));
  expect(store.sets).toBe(0); // nothing written from the status callback itself
  await waitUntil("the batch is written", () => store.sets > 0);
  await recorder.flush();
  expect(store.sets).toBe(1);
  const h = recorder.history("r1", 7);
  expect(h.changes).toHaveLength(1000); // count bound
  expect(h.flaps7d).toBe(500);
  await recorder.close();
});

test("a fresh recorder on the same SQLite file reads the history back; another host's history stays apart", async () => {
  const first = new HistoryRecorder({ store: openStore(), hostId: "h1", logger: quiet, settings: SETTINGS });
  const other = new HistoryRecorder({ store: openStore(), hostId: "h2", logger: quiet, settings: SETTINGS });
  const t = Date.now() - 60_000;
  first.record(change("r1", "CONNECTING", null, t));
  first.record(change("r1", "ONLINE", "CONNECTING", t + 1000));
  first.record(change("r1", "ONLINE", "ONLINE", t + 2000)); // data-only change: not recorded
  other.record(change("r1", "FAILED", null, t));
  await first.close();
  await other.close();

  const again = new HistoryRecorder({ store: openStore(), hostId: "h1", logger: quiet, settings: SETTINGS });
  await again.load();
  const states = again.history("r1", 7).changes.map((c) => [c.state, c.hostId, c.code]);
  expect(states).toEqual([["CONNECTING", "h1", null], ["ONLINE", "h1", null], ["STOPPING", "h1", "HOST_STOPPED"]]);
  expect(again.history("r1", 7).uptime7d).toBeGreaterThan(0.9);
  await again.close();
});

test("records older than the age bound go, except the newest of them (it says which state the window starts in)", async () => {
  const now = Date.parse("2026-11-30T12:00:00Z");
  const recorder = new HistoryRecorder({ store: openStore(), hostId: "h1", logger: quiet, settings: SETTINGS, now: () => now });
  const day = 24 * 3_600_000;
  recorder.record(change("r1", "CONNECTING", null, now - 10 * day));
  recorder.record(change("r1", "ONLINE", "CONNECTING", now - 9 * day));
  recorder.record(change("r1", "RECONNECTING", "ONLINE", now - 2 * day));
  recorder.record(change("r1", "ONLINE", "RECONNECTING", now - 2 * day + 3_600_000));
  const h = recorder.history("r1", 7);
  expect(h.changes.map((c) => c.state)).toEqual(["RECONNECTING", "ONLINE"]); // within 7 days
  expect(h.uptime7d).toBeCloseTo((7 * day - 3_600_000) / (7 * day), 10); // ONLINE from 9 days ago counts from the window's start
  expect(h.flaps7d).toBe(1);
  expect(recorder.history("r1", 1).changes).toEqual([]);
  await recorder.close();
});
