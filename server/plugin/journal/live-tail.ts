/**
 * A live tail as an async iterator (what a GraphQL subscription consumes), fed by `subscribe`. Bounded: a consumer
 * that falls more than MAX_PENDING entries behind loses the oldest ones instead of growing the host's memory. Costs
 * nothing while nobody tails (the journal only walks the handlers of registrations someone follows).
 */
import type { Disposable } from "../../host/contract";

/** Entries held for one slow subscriber before the oldest are dropped. */
export const MAX_PENDING = 1000;

export function liveTail<T>(subscribe: (push: (item: T) => void) => Disposable): AsyncIterableIterator<T> {
  const pending: T[] = [];
  let wake: ((result: IteratorResult<T>) => void) | undefined;
  let done = false;
  const subscription = subscribe((item) => {
    if (done) return;
    if (wake) {
      const resolve = wake;
      wake = undefined;
      return resolve({ value: item, done: false });
    }
    pending.push(item);
    if (pending.length > MAX_PENDING) pending.shift();
  });
  const finish = (): Promise<IteratorResult<T>> => {
    done = true;
    subscription.dispose();
    pending.length = 0;
    wake?.({ value: undefined, done: true });
    wake = undefined;
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next: () => {
      if (pending.length > 0) return Promise.resolve({ value: pending.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (wake = resolve));
    },
    return: finish,
    throw: (error: unknown) => {
      void finish();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
