/**
 * The packed form journal records cross the worker boundary in (packed-records.ts): what is packed in the worker
 * comes out of a structured clone (the thread boundary's copy) and `unpackRecords` as the same records, optional
 * fields absent when they were absent, bodies only where recorded.
 */
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { RecordPacker, unpackRecords, type PackedRecords, type RecordFields } from "../../server/relay/packed-records";
import type { RecordedBody, RequestRecordOutcome } from "../../server/relay/protocol";

const OUTCOMES: RequestRecordOutcome[] = ["FORWARDED", "TOO_LARGE", "BAD_GATEWAY", "GATEWAY_TIMEOUT", "ABORTED"];

function fields(i: number, overrides: Partial<RecordFields> = {}): RecordFields {
  return {
    at: 1_796_000_000_000 + i,
    method: i % 2 ? "POST" : "GET",
    path: `/p/${i}?q=REDACTED`,
    queryRedacted: i % 3 === 0,
    status: 200 + i,
    durationMs: 1.25 * i,
    bytesIn: i,
    bytesOut: 1024 + i,
    outcome: OUTCOMES[i % OUTCOMES.length]!,
    senderAddress: `10.0.0.${i}`,
    trackingId: `t-${i}`,
    headers: `x-n: ${i}\n`,
    responseHeaders: "content-type: text/plain\n",
    ...overrides,
  };
}

/** Across a real MessagePort, as the worker's batches travel. */
function crossThreadBoundary(packed: PackedRecords): PackedRecords {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(packed);
  const copy = receiveMessageOnPort(port2)!.message as PackedRecords;
  port1.close();
  return copy;
}

test("every field survives packing and the thread boundary; take() starts a new batch", () => {
  const packer = new RecordPacker(16);
  for (let i = 0; i < 10; i++) packer.add(fields(i));
  const records = unpackRecords(crossThreadBoundary(packer.take()!));
  expect(records).toHaveLength(10);
  records.forEach((record, i) => {
    const f = fields(i);
    expect(record).toEqual({
      at: f.at,
      method: f.method,
      path: f.path,
      status: f.status,
      durationMs: f.durationMs,
      bytesIn: f.bytesIn,
      bytesOut: f.bytesOut,
      senderAddress: f.senderAddress,
      trackingId: f.trackingId,
      outcome: f.outcome,
      headers: f.headers,
      responseHeaders: f.responseHeaders,
      ...(f.queryRedacted ? { queryRedacted: true } : {}),
    });
  });
  expect(packer.length).toBe(0);
  expect(packer.take()).toBeUndefined();
});

test("absent status, sender, tracking id and query flag stay absent (not zero, empty or false)", () => {
  const packer = new RecordPacker(4);
  packer.add(fields(1, { status: undefined, senderAddress: undefined, trackingId: null, queryRedacted: false, outcome: "ABORTED" }));
  const [record] = unpackRecords(crossThreadBoundary(packer.take()!));
  expect(record).not.toHaveProperty("status");
  expect(record).not.toHaveProperty("senderAddress");
  expect(record).not.toHaveProperty("trackingId");
  expect(record).not.toHaveProperty("queryRedacted");
  expect(record).not.toHaveProperty("requestBody");
  expect(record!.outcome).toBe("ABORTED");
});

test("bodies travel with their record when the listener records them, and only where there was one", () => {
  const packer = new RecordPacker(4);
  const text: RecordedBody = { size: 5, text: "hello", binary: false, truncated: false };
  const binary: RecordedBody = { size: 9000, binary: true, truncated: false };
  packer.add(fields(0), text, undefined, true);
  packer.add(fields(1), undefined, binary, true);
  const [first, second] = unpackRecords(crossThreadBoundary(packer.take()!));
  expect(first!.requestBody).toEqual(text);
  expect(first).not.toHaveProperty("responseBody");
  expect(second).not.toHaveProperty("requestBody");
  expect(second!.responseBody).toEqual(binary);
});

test("a full batch holds exactly its limit", () => {
  const packer = new RecordPacker(512);
  for (let i = 0; i < 512; i++) packer.add(fields(i));
  const records = unpackRecords(crossThreadBoundary(packer.take()!));
  expect(records).toHaveLength(512);
  expect(records[511]!.path).toBe("/p/511?q=REDACTED");
});
