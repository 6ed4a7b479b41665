/**
 * One registration's journal entries as the packed batches they arrived in (server/relay/packed-records.ts): the
 * newest `capacity` records, and no object per record until one is shown. A ring of entry objects made every
 * relayed request leave an object graph that lived ~0.1 s — long enough at ~2 000 req/s to be promoted, and then
 * collected, on the main thread. Here a batch is kept while any of its records is among the newest `capacity`; the
 * memory this pins is bounded by `capacity` + one batch (at most 512 records, BATCH_LIMIT).
 */
import { unpackRecord, type PackedRecords } from "../../relay/packed-records";
import type { RequestRecord } from "../../relay/protocol";

interface KeptBatch {
  /** The journal-wide sequence number of the batch's record 0 (an entry's id is built from it). */
  first: number;
  packed: PackedRecords;
  /** Records below this index fell out of the ring. */
  start: number;
}

export class EntryRing {
  private readonly batches: KeptBatch[] = [];
  private kept = 0;

  constructor(private capacity: number) {}

  get size(): number {
    return this.kept;
  }

  /** A batch whose records carry the sequence numbers first, first + 1, …; the oldest fall out beyond capacity. */
  push(packed: PackedRecords, first: number): void {
    if (this.capacity === 0 || packed.count === 0) return;
    this.batches.push({ first, packed, start: 0 });
    this.kept += packed.count;
    this.trim();
  }

  /** A new capacity keeps the newest records that fit. */
  resize(capacity: number): void {
    this.capacity = capacity;
    this.trim();
  }

  /** Newest first: each record with its sequence number. */
  *newestFirst(): Generator<{ seq: number; record: RequestRecord }> {
    for (let b = this.batches.length - 1; b >= 0; b--) {
      const batch = this.batches[b]!;
      for (let i = batch.packed.count - 1; i >= batch.start; i--) yield { seq: batch.first + i, record: unpackRecord(batch.packed, i) };
    }
  }

  /** The record with this sequence number, if it is still kept. */
  find(seq: number): RequestRecord | undefined {
    for (const batch of this.batches) {
      const i = seq - batch.first;
      if (i >= batch.start && i < batch.packed.count) return unpackRecord(batch.packed, i);
    }
    return undefined;
  }

  private trim(): void {
    while (this.kept > this.capacity && this.batches.length > 0) {
      const oldest = this.batches[0]!;
      const excess = this.kept - this.capacity;
      const left = oldest.packed.count - oldest.start;
      if (left <= excess) {
        this.batches.shift();
        this.kept -= left;
      } else {
        oldest.start += excess;
        this.kept -= excess;
      }
    }
  }
}
