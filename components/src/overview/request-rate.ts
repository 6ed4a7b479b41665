/**
 * Requests per minute per registration. The API reports counters since the listener started; the rate is the
 * difference between two samples (the periodic refresh takes one every few seconds) over the time between them.
 * A counter that went down (the listener restarted) starts over. Pure TS, tested with jest.
 */

/** Shortest span worth dividing by: two samples a few ms apart (a refresh right after an event) say nothing. */
const MIN_SPAN_MS = 1000;

interface Sample {
  requests: number;
  at: number;
}

export class RequestRates {
  private readonly previous = new Map<string, Sample>();
  private readonly rates = new Map<string, number>();

  /** Records a sample of `id`'s request counter taken at `at` (ms). */
  sample(id: string, requests: number, at: number): void {
    const before = this.previous.get(id);
    if (before && at - before.at < MIN_SPAN_MS) return;
    if (before && requests >= before.requests) this.rates.set(id, ((requests - before.requests) * 60_000) / (at - before.at));
    this.previous.set(id, { requests, at });
  }

  /** Requests per minute, or undefined until two samples are known. */
  perMinute(id: string): number | undefined {
    return this.rates.get(id);
  }

  /** Forgets registrations that are gone. */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const id of [...this.previous.keys()]) {
      if (!ids.has(id)) {
        this.previous.delete(id);
        this.rates.delete(id);
      }
    }
  }
}
