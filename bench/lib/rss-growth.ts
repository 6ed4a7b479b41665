/**
 * Peak RSS growth of child processes over their idle RSS while `work` runs. Idle is taken after a GC in the child
 * (children run with --expose-gc where it matters) so garbage from earlier phases does not hide growth. The peak is
 * the kernel's VmHWM after resetting it (exact, catches spikes between samples), with 25 ms sampling as a floor and
 * as the fallback where the reset is refused.
 */
import { memoryOf, resetPeak, RssSampler } from "./proc-stats";

export interface Growth {
  idleMiB: number;
  peakMiB: number;
  growthMiB: number;
}

export interface Measured {
  pid: number;
  request(op: string): Promise<unknown>;
}

/** RSS after a GC and a short pause. */
export async function settle(child: Measured): Promise<number> {
  await child.request("gc").catch(() => undefined);
  await new Promise((r) => setTimeout(r, 300));
  return memoryOf(child.pid).rssMiB;
}

/** Runs `work` once and returns its result with one `Growth` per child, in order. */
export async function rssGrowth<T>(children: readonly Measured[], work: () => Promise<T>): Promise<{ result: T; growth: Growth[] }> {
  const idle: number[] = [];
  for (const child of children) idle.push(await settle(child));
  const exact = children.map((c) => resetPeak(c.pid));
  const samplers = children.map((c) => new RssSampler(c.pid, 25));
  let result: T;
  try {
    result = await work();
  } finally {
    samplers.forEach((s) => s.stop());
  }
  const growth = children.map((c, i) => {
    const peakMiB = exact[i] ? Math.max(memoryOf(c.pid).peakMiB, samplers[i].maxMiB) : samplers[i].maxMiB;
    return { idleMiB: idle[i], peakMiB, growthMiB: peakMiB - idle[i] };
  });
  return { result, growth };
}
