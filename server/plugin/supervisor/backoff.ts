/**
 * Reconnect delays as a pure value, after cockatiel's `ExponentialBackoff`: `next()` returns a new value with the
 * following delay and never mutates, so a listener's retry schedule is easy to reason about and to test.
 * The first retry is immediate (a single dropped connection should cost nothing); later ones grow exponentially
 * with jitter (so listeners of many hosts do not reconnect in lockstep) up to a cap.
 */

/** How the randomness is applied to each delay. */
export type Jitter = "full" | "decorrelated" | "none";

export interface BackoffOptions {
  /** Base delay of the second retry; later retries grow from it. @default 1000 */
  initialDelayMs?: number;
  /** Longest delay between transient retries. @default 30000 (as hyco-https's own ladder) */
  maxDelayMs?: number;
  /** Growth factor per retry (full jitter only; decorrelated jitter grows by up to 3x). @default 2 */
  exponent?: number;
  /**
   * `full`: uniform in [0, base]; `decorrelated`: uniform in [initial, 3 x previous] (AWS's "decorrelated jitter"),
   * which keeps a floor so no retry is near-instant after the first; `none`: the base itself.
   * @default "decorrelated"
   */
  jitter?: Jitter;
  /** Online this long counts as stable: the next drop starts from an immediate retry again. @default 60000 */
  stableAfterMs?: number;
  /** Fatal failures (wrong key, unknown hybrid connection) retry only after this long, or when settings change. @default 600000 */
  fatalRetryMs?: number;
  /** Source of randomness in [0, 1); injectable for tests. @default Math.random */
  random?: () => number;
}

type Resolved = Required<BackoffOptions>;

/** Fills in the defaults of `BackoffOptions`. */
export function resolveBackoffOptions(options: BackoffOptions = {}): Resolved {
  return {
    initialDelayMs: options.initialDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    exponent: options.exponent ?? 2,
    jitter: options.jitter ?? "decorrelated",
    stableAfterMs: options.stableAfterMs ?? 60_000,
    fatalRetryMs: options.fatalRetryMs ?? 600_000,
    random: options.random ?? Math.random,
  };
}

/** One point on a retry schedule: `attempt` retries computed so far, `delayMs` before the latest of them. */
export class Backoff {
  private constructor(
    private readonly options: Resolved,
    /** Retries computed so far (0 for a fresh schedule). */
    readonly attempt: number,
    /** The delay before retry number `attempt` (0 for a fresh schedule and for the first retry). */
    readonly delayMs: number,
  ) {}

  /** A fresh schedule. */
  static create(options?: BackoffOptions): Backoff {
    return new Backoff(resolveBackoffOptions(options), 0, 0);
  }

  /** The schedule after one more failure: its `delayMs` is how long to wait before the next attempt. */
  next(): Backoff {
    const attempt = this.attempt + 1;
    return new Backoff(this.options, attempt, attempt === 1 ? 0 : this.delayFor(attempt));
  }

  /** A fresh schedule with the same options. */
  reset(): Backoff {
    return this.attempt === 0 ? this : new Backoff(this.options, 0, 0);
  }

  /** After a listener was online for `onlineForMs`: fresh if that was stable, else unchanged (a flapping listener keeps backing off). */
  afterOnline(onlineForMs: number): Backoff {
    return onlineForMs >= this.options.stableAfterMs ? this.reset() : this;
  }

  /** How long a fatal failure waits before it is tried again. */
  get fatalDelayMs(): number {
    return this.options.fatalRetryMs;
  }

  private delayFor(attempt: number): number {
    const { initialDelayMs: initial, maxDelayMs: cap, exponent, jitter, random } = this.options;
    switch (jitter) {
      case "none":
        return Math.min(cap, initial * exponent ** (attempt - 2));
      case "full":
        return Math.round(random() * Math.min(cap, initial * exponent ** (attempt - 2)));
      case "decorrelated": {
        const upper = 3 * Math.max(initial, this.delayMs);
        return Math.round(Math.min(cap, initial + random() * (upper - initial)));
      }
    }
  }
}
