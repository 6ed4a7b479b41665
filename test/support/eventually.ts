/**
 * Waiting on a condition instead of a clock: a test polls what it is about to assert until it holds (or a generous
 * deadline passes), so a slow, shared machine makes it slower, not red.
 */

/** Polls `check` (sync or async) every `intervalMs` until it returns true or `timeoutMs` passes; returns the last result (assert on it). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, intervalMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Like `eventually`, but throws naming `what` when the condition never held: for waits that are not the assertion. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000, intervalMs = 20): Promise<void> {
  if (!(await eventually(check, timeoutMs, intervalMs))) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
}
