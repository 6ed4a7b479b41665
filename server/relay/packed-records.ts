/**
 * How journal records cross from the worker to the control plane: a batch is columns (the numbers of all its records
 * in one Float64Array, their strings in one flat array), not an array of objects. The structured clone of a batch of
 * objects cost ~3.5 µs a record (mostly rebuilding each object, property by property, on the main thread); columns
 * cost ~0.8 µs, and the worker allocates no object per request (bench/FINDINGS.md, issue 12). The records are
 * redacted before they are packed: the packed form holds nothing the journal may not see. The data plane unpacks
 * them into `RequestRecord`s only when asked (data-plane.ts: the `requests` event's `records`); the journal keeps
 * the packed batches themselves and builds an entry only when one is shown (server/plugin/journal/entry-ring.ts).
 */
import type { PackedRecords, RecordedBody, RequestRecord, RequestRecordOutcome } from "./protocol";

export type { PackedRecords };


const NUMBERS = 6;
const STRINGS = 6;
const QUERY_REDACTED = 8;
const OUTCOMES: readonly RequestRecordOutcome[] = ["FORWARDED", "TOO_LARGE", "BAD_GATEWAY", "GATEWAY_TIMEOUT", "ABORTED"];

/** What `RecordPacker.add` takes: a redacted record's fields, without building a record object. */
export interface RecordFields {
  at: number;
  method: string;
  path: string;
  queryRedacted: boolean;
  status: number | undefined;
  durationMs: number;
  bytesIn: number;
  bytesOut: number;
  outcome: RequestRecordOutcome;
  senderAddress: string | undefined;
  trackingId: string | null | undefined;
  headers: string;
  responseHeaders: string;
}

/** A listener's batch being filled in the worker; at most `limit` records. */
export class RecordPacker {
  private numbers: Float64Array | undefined;
  private strings: string[] = [];
  private bodies: Array<RecordedBody | undefined> | undefined;
  private count = 0;

  constructor(private readonly limit: number) {}

  get length(): number {
    return this.count;
  }

  add(r: RecordFields, requestBody?: RecordedBody, responseBody?: RecordedBody, withBodies = false): void {
    const numbers = (this.numbers ??= new Float64Array(this.limit * NUMBERS));
    const n = this.count * NUMBERS;
    numbers[n] = r.at;
    numbers[n + 1] = r.durationMs;
    numbers[n + 2] = r.bytesIn;
    numbers[n + 3] = r.bytesOut;
    numbers[n + 4] = r.status ?? -1;
    numbers[n + 5] = OUTCOMES.indexOf(r.outcome) | (r.queryRedacted ? QUERY_REDACTED : 0);
    this.strings.push(r.method, r.path, r.senderAddress || "", r.trackingId || "", r.headers, r.responseHeaders);
    if (withBodies) (this.bodies ??= []).push(requestBody, responseBody);
    this.count++;
  }

  /** The batch so far, or undefined when empty; the packer starts a new one. */
  take(): PackedRecords | undefined {
    if (this.count === 0 || !this.numbers) return undefined;
    const packed: PackedRecords = { count: this.count, numbers: this.numbers.subarray(0, this.count * NUMBERS), strings: this.strings };
    if (this.bodies) packed.bodies = this.bodies;
    this.numbers = undefined;
    this.strings = [];
    this.bodies = undefined;
    this.count = 0;
    return packed;
  }
}

/** Records already built (a batch that did not come from the worker) in the packed form. */
export function packRecords(records: readonly RequestRecord[]): PackedRecords {
  const packer = new RecordPacker(Math.max(1, records.length));
  const withBodies = records.some((r) => r.requestBody || r.responseBody);
  for (const r of records) {
    const fields: RecordFields = { ...r, status: r.status, senderAddress: r.senderAddress, trackingId: r.trackingId, queryRedacted: r.queryRedacted === true };
    packer.add(fields, r.requestBody, r.responseBody, withBodies);
  }
  return packer.take() ?? { count: 0, numbers: new Float64Array(0), strings: [] };
}

/** The records of a packed batch, as the journal keeps them (optional fields only when present). */
export function unpackRecords(packed: PackedRecords): RequestRecord[] {
  const out: RequestRecord[] = new Array(packed.count);
  for (let i = 0; i < packed.count; i++) out[i] = unpackRecord(packed, i);
  return out;
}

/** Record `i` of a packed batch as a `RequestRecord`: built only when someone looks at it. */
export function unpackRecord(packed: PackedRecords, i: number): RequestRecord {
  const { numbers, strings, bodies } = packed;
  const n = i * NUMBERS;
  const s = i * STRINGS;
  const flags = numbers[n + 5]!;
  const record: RequestRecord = {
    at: numbers[n]!,
    method: strings[s]!,
    path: strings[s + 1]!,
    durationMs: numbers[n + 1]!,
    bytesIn: numbers[n + 2]!,
    bytesOut: numbers[n + 3]!,
    outcome: outcomeOf(flags),
    headers: strings[s + 4]!,
    responseHeaders: strings[s + 5]!,
  };
  const status = numbers[n + 4]!;
  if (status >= 0) record.status = status;
  if (strings[s + 2]) record.senderAddress = strings[s + 2];
  if (strings[s + 3]) record.trackingId = strings[s + 3];
  if (flags & QUERY_REDACTED) record.queryRedacted = true;
  if (bodies?.[2 * i]) record.requestBody = bodies[2 * i];
  if (bodies?.[2 * i + 1]) record.responseBody = bodies[2 * i + 1];
  return record;
}

/** What the traffic figures need of each record, read straight from the columns (no record object). */
export function forEachFigure(packed: PackedRecords, visit: (at: number, durationMs: number, status: number | undefined, outcome: RequestRecordOutcome) => void): void {
  const { numbers } = packed;
  for (let n = 0; n < packed.count * NUMBERS; n += NUMBERS) {
    const status = numbers[n + 4]!;
    visit(numbers[n]!, numbers[n + 1]!, status >= 0 ? status : undefined, outcomeOf(numbers[n + 5]!));
  }
}

function outcomeOf(flags: number): RequestRecordOutcome {
  return OUTCOMES[flags & 7] ?? "FORWARDED";
}
