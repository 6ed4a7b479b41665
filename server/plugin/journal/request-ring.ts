/** A bounded ring of the newest `capacity` items; pushing onto a full ring drops the oldest. */
export class Ring<T> {
  private items: T[] = [];
  private next = 0;

  constructor(private capacity: number) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.capacity === 0) return;
    if (this.items.length < this.capacity) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Newest first. */
  newestFirst(): T[] {
    const n = this.items.length;
    const out: T[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.items[(this.next - 1 - i + n * 2) % n]!;
    return out;
  }

  /** A new capacity keeps the newest items that fit. */
  resize(capacity: number): void {
    if (capacity === this.capacity) return;
    const keep = this.newestFirst().slice(0, capacity).reverse();
    this.capacity = capacity;
    this.items = keep;
    this.next = capacity === 0 ? 0 : keep.length % capacity;
  }
}
