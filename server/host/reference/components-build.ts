/**
 * Rebuilds the repo's components bundle at host start when it is missing or older than its sources,
 * through scripts/build-components.js (the same function `npm run build:components` runs).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Logger } from "../contract";
import type { LoadedManifest } from "./manifest-types";

interface BuildScript {
  ensureComponentsBuilt(): Promise<{ outfile: string; bytes: number; ms: number } | null>;
}

/** Builds when a plugin loaded from `repoRoot` declares components; other plugin folders ship their own bundle. */
export async function buildComponentsIfStale(plugins: LoadedManifest[], repoRoot: string, logger: Logger): Promise<void> {
  if (!plugins.some((p) => p.dir === repoRoot && p.manifest.components)) return;
  const scriptFile = path.join(repoRoot, "scripts/build-components.js");
  // The built package (scripts/build-package.js) ships the bundle and no sources to rebuild it from.
  if (!fs.existsSync(scriptFile)) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const script = require(scriptFile) as BuildScript;
  const built = await script.ensureComponentsBuilt();
  if (built) logger.info("components bundle built", { file: path.relative(repoRoot, built.outfile), bytes: built.bytes, ms: built.ms });
}
