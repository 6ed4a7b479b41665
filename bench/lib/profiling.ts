/**
 * `--profile DIR`: CPU profiles of the measured children (main thread and worker threads) over exactly one phase,
 * written as DIR/<scenario>/<label>-<child>.cpuprofile (open in Chrome DevTools or speedscope). Without --profile,
 * just runs the phase.
 */
import path from "node:path";
import type { BenchContext } from "./scenario";

interface Profilable {
  name: string;
  request<T>(op: string, args?: unknown): Promise<T>;
}

export async function profiled<T>(ctx: BenchContext, children: ReadonlyArray<Profilable | undefined>, scenario: string, label: string, phase: () => Promise<T>): Promise<T> {
  const dir = ctx.profileDir;
  const targets = dir ? children.filter((c): c is Profilable => !!c) : [];
  for (const child of targets) await child.request("profileStart");
  try {
    return await phase();
  } finally {
    for (const child of targets) {
      const file = path.join(dir ?? ".", scenario, `${label}-${child.name}.cpuprofile`);
      const written = await child.request<string>("profileStop", file).catch((e: Error) => `not written: ${e.message}`);
      ctx.progress(`    profile: ${written}`);
    }
  }
}
