#!/usr/bin/env node
/**
 * Bundles the host's API explorer: components/explorer/explorer.ts (GraphiQL 3 + React 18, pinned dev dependencies)
 * → dist/explorer/explorer.js and explorer.css (ESM, minified; no CDN at run time). `node scripts/build-explorer.js`
 * builds and prints what it built; the reference host calls `ensureExplorerBuilt()` on the explorer's first request.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { newestMtime } = require("./build-components");

const ROOT = path.resolve(__dirname, "..");
/** Default paths, relative to the repo root. */
const DEFAULTS = {
  entry: path.join(ROOT, "components/explorer/explorer.ts"),
  outdir: path.join(ROOT, "dist/explorer"),
  srcDir: path.join(ROOT, "components/explorer"),
};

/** Builds the bundle; resolves to `{ outdir, bytes, ms }`. */
async function buildExplorer(options = {}) {
  const opts = { ...DEFAULTS, ...options };
  const esbuild = require("esbuild");
  const started = Date.now();
  await esbuild.build({
    entryPoints: { explorer: opts.entry },
    outdir: opts.outdir,
    bundle: true,
    format: "esm",
    minify: true,
    sourcemap: false,
    target: "es2020",
    define: { "process.env.NODE_ENV": '"production"' },
    loader: { ".woff2": "dataurl", ".svg": "dataurl" },
    logLevel: "warning",
  });
  const bytes = ["explorer.js", "explorer.css"].reduce((sum, f) => sum + fs.statSync(path.join(opts.outdir, f)).size, 0);
  return { outdir: opts.outdir, bytes, ms: Date.now() - started };
}

/** Builds when the bundle is missing or older than its sources; resolves to the build result or null. */
async function ensureExplorerBuilt(options = {}) {
  const opts = { ...DEFAULTS, ...options };
  const outfile = path.join(opts.outdir, "explorer.js");
  const built = fs.existsSync(outfile) ? fs.statSync(outfile).mtimeMs : 0;
  if (built > 0 && built >= newestMtime(opts.srcDir)) return null;
  return buildExplorer(opts);
}

module.exports = { buildExplorer, ensureExplorerBuilt, DEFAULTS };

if (require.main === module) {
  buildExplorer().then(
    (r) => console.log(`built ${path.relative(ROOT, r.outdir)} (${(r.bytes / 1024).toFixed(1)} KiB, ${r.ms} ms)`),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
