/**
 * The journal keeps packed batches (entry-ring.ts) instead of an object per request: still exactly the newest N
 * entries across batches and resizes, ids that find their entry (and nothing else), figures from every record, and a
 * live tail that gets each entry.
 */
import { EntryRing } from "../../../server/plugin/journal/entry-ring";
import { RequestJournal, type JournalEntry } from "../../../server/plugin/journal/request-journal";
import { RecordPacker, type PackedRecords } from "../../../server/relay/packed-records";

/** A batch of records whose paths are /0, /1, … from `from` on. */
function batch(from: number, count: number): PackedRecords {
  const packer = new RecordPacker(Math.max(1, count));
  for (let i = from; i < from + count; i++) {
    packer.add({
      at: 1_796_000_000_000 + i,
      method: "GET",
      path: `/${i}`,
      queryRedacted: false,
      status: i % 10 === 9 ? 503 : 200,
      durationMs: 2,
      bytesIn: 0,
      bytesOut: 10,
      outcome: "FORWARDED",
      senderAddress: undefined,
      trackingId: `t${i}`,
      headers: "",
      responseHeaders: "",
    });
  }
  return packer.take()!;
}

const paths = (ring: EntryRing) => [...ring.newestFirst()].map((e) => e.record.path);

test("keeps the newest `capacity` records across batches, newest first", () => {
  const ring = new EntryRing(5);
  ring.push(batch(0, 3), 1);
  ring.push(batch(3, 4), 4);
  expect(ring.size).toBe(5);
  expect(paths(ring)).toEqual(["/6", "/5", "/4", "/3", "/2"]);
  ring.push(batch(7, 12), 8); // a batch larger than the ring
  expect(paths(ring)).toEqual(["/18", "/17", "/16", "/15", "/14"]);
});

test("resizing keeps the newest that fit; growing does not bring back what fell out; 0 keeps nothing", () => {
  const ring = new EntryRing(4);
  ring.push(batch(0, 6), 1);
  ring.resize(2);
  expect(paths(ring)).toEqual(["/5", "/4"]);
  ring.resize(10);
  expect(paths(ring)).toEqual(["/5", "/4"]);
  ring.push(batch(6, 1), 7);
  expect(paths(ring)).toEqual(["/6", "/5", "/4"]);
  ring.resize(0);
  expect(ring.size).toBe(0);
  ring.push(batch(7, 3), 8);
  expect(paths(ring)).toEqual([]);
});

test("find: a kept sequence number only", () => {
  const ring = new EntryRing(3);
  ring.push(batch(0, 5), 1); // seq 1..5, keeps 3..5
  expect(ring.find(5)?.path).toBe("/4");
  expect(ring.find(3)?.path).toBe("/2");
  expect(ring.find(2)).toBeUndefined();
  expect(ring.find(6)).toBeUndefined();
});

describe("RequestJournal over packed batches", () => {
  function journalWith(size: number): RequestJournal {
    const journal = new RequestJournal("host-a");
    journal.configure([{ registrationId: "r1", journal: { size, recordBodies: false } }, { registrationId: "r2" }]);
    return journal;
  }

  test("ring size per registration, ids unique and found by get only in their registration, figures from every record", () => {
    const journal = journalWith(3);
    const tailed: JournalEntry[] = [];
    const follow = journal.onRecorded("r1", (e) => tailed.push(e));
    journal.onWorkerEvent({ type: "requests", batches: [{ listenerId: "r1#1", records: [], packed: batch(0, 10) }] });
    journal.onWorkerEvent({ type: "requests", batches: [{ listenerId: "r2#3", records: [], packed: batch(10, 2) }] });
    follow.dispose();
    const r1 = journal.list("r1");
    expect(r1.map((e) => e.path)).toEqual(["/9", "/8", "/7"]);
    expect(r1.every((e) => e.hostId === "host-a" && e.registrationId === "r1")).toBe(true);
    expect(tailed.map((e) => e.path)).toEqual(["/0", "/1", "/2", "/3", "/4", "/5", "/6", "/7", "/8", "/9"]);
    const r2 = journal.list("r2");
    expect(new Set([...r1, ...r2].map((e) => e.id)).size).toBe(5);
    expect(journal.get("r1", r1[1]!.id)).toMatchObject({ path: "/8", trackingId: "t8", status: 200 });
    expect(journal.get("r2", r1[1]!.id)).toBeUndefined();
    expect(journal.get("r1", tailed[0]!.id)).toBeUndefined(); // fell out of the ring
    expect(journal.get("r1", `${r1[1]!.id}0`)).toBeUndefined();
    expect(journal.trafficOf("r1")!.count).toBe(10);
    expect(journal.trafficOf("r1")!.byClass["5xx"]).toBe(1);
    expect(journal.list("r1", { statusClass: 5 }).map((e) => e.path)).toEqual(["/9"]);
    expect(journal.list("r1", { limit: 1 }).map((e) => e.path)).toEqual(["/9"]);
  });

  test("a batch of plain records (not packed) is kept the same way", () => {
    const journal = journalWith(2);
    const records = [
      { at: 1, method: "GET", path: "/a", durationMs: 1, bytesIn: 0, bytesOut: 0, outcome: "ABORTED" as const, headers: "x: 1\n", responseHeaders: "" },
      { at: 2, method: "POST", path: "/b", status: 201, durationMs: 1, bytesIn: 3, bytesOut: 0, outcome: "FORWARDED" as const, headers: "", responseHeaders: "", requestBody: { size: 3, text: "abc", binary: false, truncated: false } },
    ];
    journal.onWorkerEvent({ type: "requests", batches: [{ listenerId: "r1#1", records }] });
    const [b, a] = journal.list("r1");
    expect(b).toMatchObject({ path: "/b", status: 201, requestBody: { text: "abc" } });
    expect(a).toMatchObject({ path: "/a", outcome: "ABORTED", headers: "x: 1\n" });
    expect(a).not.toHaveProperty("status");
  });
});
