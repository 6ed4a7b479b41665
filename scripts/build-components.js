#!/usr/bin/env node
/**
 * Bundles the Lit components: components/src/index.ts → components/dist/azure-relay.js
 * (ESM, minified, with sourcemap; tsconfig components/tsconfig.json so decorators behave as in type-checking).
 * `node scripts/build-components.js` builds and prints what it built; the reference host calls
 * `ensureComponentsBuilt()` at start to rebuild only when the bundle is missing or older than its sources.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
/** Default paths, relative to the repo root. */
const DEFAULTS = {
  entry: path.join(ROOT, "components/src/index.ts"),
  outfile: path.join(ROOT, "components/dist/azure-relay.js"),
  tsconfig: path.join(ROOT, "components/tsconfig.json"),
  srcDir: path.join(ROOT, "components/src"),
};

/** Where code loaded on demand goes, beside the entry (e.g. uPlot, only when a detail view draws its chart). */
const CHUNKS = "chunks";

/**
 * Builds the bundle; resolves to `{ outfile, bytes, ms }` (`bytes`: the entry alone, what every page loads).
 * Code splitting: a dynamic `import()` becomes its own file under `chunks/` beside the entry, fetched from the
 * entry's own URL when first needed; the chunks folder is emptied first so stale hashed files do not pile up.
 */
async function buildComponents(options = {}) {
  const opts = { ...DEFAULTS, ...options };
  const esbuild = require("esbuild");
  const started = Date.now();
  const outdir = path.dirname(opts.outfile);
  fs.rmSync(path.join(outdir, CHUNKS), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { [path.basename(opts.outfile, ".js")]: opts.entry },
    outdir,
    splitting: true,
    chunkNames: `${CHUNKS}/[name]-[hash]`,
    bundle: true,
    format: "esm",
    minify: true,
    sourcemap: true,
    target: "es2022",
    tsconfig: opts.tsconfig,
    logLevel: "warning",
  });
  return { outfile: opts.outfile, bytes: fs.statSync(opts.outfile).size, ms: Date.now() - started };
}

/** Newest modification time (ms) of any file under `dir` (0 when absent). */
function newestMtime(dir) {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds when the bundle is missing or older than any source (or the tsconfig); resolves to the build result or null. */
async function ensureComponentsBuilt(options = {}) {
  const opts = { ...DEFAULTS, ...options };
  const built = fs.existsSync(opts.outfile) ? fs.statSync(opts.outfile).mtimeMs : 0;
  const sources = Math.max(newestMtime(opts.srcDir), fs.existsSync(opts.tsconfig) ? fs.statSync(opts.tsconfig).mtimeMs : 0);
  if (built > 0 && built >= sources) return null;
  return buildComponents(opts);
}

module.exports = { buildComponents, ensureComponentsBuilt, newestMtime, DEFAULTS };

if (require.main === module) {
  buildComponents().then(
    (r) => console.log(`built ${path.relative(ROOT, r.outfile)} (${(r.bytes / 1024).toFixed(1)} KiB, ${r.ms} ms)`),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
