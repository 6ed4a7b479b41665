/** `npm run farm` needs Debian's redis-server: installed the way the tests get it (scripts/ensure-system-packages.sh). */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export function ensureRedisServer(repoRoot: string): void {
  if (spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0) return;
  const install = spawnSync("bash", [join(repoRoot, "scripts/ensure-system-packages.sh"), "redis-server"], { stdio: "inherit" });
  if (install.status !== 0) throw new Error("redis-server is not installed and could not be installed (see above)");
}
