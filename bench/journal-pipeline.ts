/**
 * The request journal's per-request cost in one process, stage by stage, without the relay around it (FINDINGS.md,
 * 2026-11-30, issue 12): the worker's record (redaction and packing), the copy across the thread boundary (v8
 * serialize + deserialize, what postMessage does), and the journal's ingest on the main thread. A small GET's
 * headers as the bench's relayed requests carry them.
 *
 *   node -r @swc-node/register bench/journal-pipeline.ts [records, default 200000]
 */
import type { IncomingMessage } from "node:http";
import { deserialize, serialize } from "node:v8";
import { RequestJournal } from "../server/plugin/journal/request-journal";
import type { PackedRecords } from "../server/relay/packed-records";
import type { WorkerEvent } from "../server/relay/protocol";
import { RequestJournalTap } from "../server/relay/request-journal-tap";
import type { RequestOutcome } from "../server/relay/traffic";

const BATCH = 100; // ~50 ms of records at 2 000 req/s
const records = Number(process.argv[2] ?? 200_000);

const req = {
  url: "/ecs-core/bytes?n=1024",
  method: "GET",
  headers: { host: "127.0.0.1:1234", "user-agent": "autocannon", "x-forwarded-for": "127.0.0.1", "x-forwarded-proto": "https", "x-forwarded-host": "ns.servicebus.windows.net" },
} as unknown as IncomingMessage;
const responseHeaders = { "content-type": "application/octet-stream", "content-length": "1024", date: new Date().toUTCString(), connection: "keep-alive", "keep-alive": "timeout=5" };

const tap = new RequestJournalTap("ecs-core", {}, false, () => undefined);
const journal = new RequestJournal("bench-host");
journal.configure([{ registrationId: "reg" }]);

function pass(): { record: number; copy: number; ingest: number } {
  const ns = { record: 0n, copy: 0n, ingest: 0n };
  for (let done = 0; done < records; done += BATCH) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) {
      const outcome = { latencyMs: 1 + i / 100, bytesIn: 0, bytesOut: 1024 } as RequestOutcome;
      tap.record(req, `tracking-${i}`, outcome, { status: 200, responseHeaders }, Date.now(), "127.0.0.1");
    }
    const packed = tap.take()!;
    const t1 = process.hrtime.bigint();
    const copy = deserialize(serialize({ type: "requests-packed", batches: [{ listenerId: "reg#1", records: packed }] })) as { batches: Array<{ listenerId: string; records: PackedRecords }> };
    const t2 = process.hrtime.bigint();
    const event = { type: "requests", batches: copy.batches.map((b) => ({ listenerId: b.listenerId, packed: b.records, records: [] })) } as WorkerEvent;
    journal.onWorkerEvent(event);
    const t3 = process.hrtime.bigint();
    ns.record += t1 - t0;
    ns.copy += t2 - t1;
    ns.ingest += t3 - t2;
  }
  const us = (n: bigint) => Number(n) / records / 1000;
  return { record: us(ns.record), copy: us(ns.copy), ingest: us(ns.ingest) };
}

pass(); // warm-up
const r = pass();
console.log(`µs per request: record ${r.record.toFixed(2)}, copy across threads ${r.copy.toFixed(2)}, ingest ${r.ingest.toFixed(2)}; total ${(r.record + r.copy + r.ingest).toFixed(2)}`);
