import { Backoff } from "../../../server/plugin/supervisor";

/** Delays of the first `n` retries. */
function delays(backoff: Backoff, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    backoff = backoff.next();
    out.push(backoff.delayMs);
  }
  return out;
}

/** A repeatable sequence in [0, 1). */
function seeded(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

describe("Backoff", () => {
  test("a fresh schedule: attempt 0; the first retry is immediate", () => {
    const fresh = Backoff.create();
    expect(fresh.attempt).toBe(0);
    const first = fresh.next();
    expect(first.attempt).toBe(1);
    expect(first.delayMs).toBe(0);
  });

  test("grows exponentially up to the cap (no jitter)", () => {
    const b = Backoff.create({ jitter: "none", initialDelayMs: 1000, maxDelayMs: 30_000 });
    expect(delays(b, 9)).toEqual([0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  test("full jitter stays within [0, base] and reaches the base with random → 1", () => {
    const top = Backoff.create({ jitter: "full", random: () => 0.999999 });
    expect(delays(top, 8)).toEqual([0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    const random = seeded([0.13, 0.72, 0.5, 0.01, 0.99, 0.33]);
    const jittered = delays(Backoff.create({ jitter: "full", random }), 12);
    const bases = [0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000, 30_000, 30_000];
    jittered.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(bases[i]!);
    });
  });

  test("decorrelated jitter (default) keeps a floor, grows by at most 3x, and is capped", () => {
    const random = seeded([0.9, 0.1, 0.6, 0.99, 0.4, 0.75, 0.2]);
    const got = delays(Backoff.create({ random }), 20);
    expect(got[0]).toBe(0);
    for (let i = 1; i < got.length; i++) {
      const prev = Math.max(1000, got[i - 1]!);
      expect(got[i]).toBeGreaterThanOrEqual(1000);
      expect(got[i]).toBeLessThanOrEqual(Math.min(30_000, 3 * prev));
    }
    expect(delays(Backoff.create({ random: () => 0.999999 }), 6)).toEqual([0, 3000, 9000, 27_000, 30_000, 30_000]);
  });

  test("is a pure value: next() and reset() never change the receiver", () => {
    const one = Backoff.create({ jitter: "none" }).next().next();
    const two = one.next();
    expect([one.attempt, one.delayMs]).toEqual([2, 1000]);
    expect([two.attempt, two.delayMs]).toEqual([3, 2000]);
    const reset = two.reset();
    expect([reset.attempt, reset.delayMs]).toEqual([0, 0]);
    expect(two.attempt).toBe(3);
  });

  test("resets after a stable online period (default 60 s), not before", () => {
    const flapping = Backoff.create({ jitter: "none" }).next().next().next();
    expect(flapping.afterOnline(59_999)).toBe(flapping);
    const stable = flapping.afterOnline(60_000);
    expect(stable.attempt).toBe(0);
    expect(stable.next().delayMs).toBe(0);
    expect(Backoff.create({ stableAfterMs: 5000 }).next().afterOnline(5000).attempt).toBe(0);
  });

  test("fatal failures wait a long interval (default 10 min)", () => {
    expect(Backoff.create().fatalDelayMs).toBe(600_000);
    expect(Backoff.create({ fatalRetryMs: 42 }).fatalDelayMs).toBe(42);
  });
});
