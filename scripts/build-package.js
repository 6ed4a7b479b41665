#!/usr/bin/env node
/**
 * `npm run build`: the distributable plugin package in dist/plugin/ (`--out <dir>` to build elsewhere), runnable with
 * plain `node` — no TypeScript loader:
 *
 *   plugin.json                     the manifest, its entry points rewritten from .ts to the compiled .js
 *   server/…                        tsc output (tsconfig.build.json: decorator metadata for type-graphql), the plugin,
 *                                   its data-plane worker (worker-main.js) and the reference host
 *   bin/ecs-reference-host.js       starts the reference host, which by default loads the plugin beside it
 *   components/dist/azure-relay.js  the Lit tab bundle (esbuild), with chunks/ beside it (code loaded on demand: the chart)
 *   dist/explorer/                  the reference host's API explorer (GraphiQL bundle, esbuild)
 *   schema/                         the plugin's SDL and the manifest schema the host validates plugin.json with
 *   package.json                    production dependencies only: those the compiled code requires (see runtimeDependencies)
 *
 * `npm run pack` then turns the folder into dist/ecs-core-azure-relay-<version>.tgz (`npm pack dist/plugin`).
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { buildComponents } = require("./build-components");
const { buildExplorer } = require("./build-explorer");
const { packageDependencies } = require("./package/dependencies");
const { filesUnder } = require("./package/files");

const ROOT = path.resolve(__dirname, "..");
const PACKAGE_DESCRIPTION =
  "ECS Core plugin: Settings > Azure Relay (Azure Relay Hybrid Connections listener, GraphQL API, Lit tab), compiled; " +
  "with the reference host as `ecs-reference-host`.";
/** Default output folder (the package root), relative to the repo root. */
const DEFAULT_OUT = path.join(ROOT, "dist/plugin");
/** Repo files copied as they are: the SDL the manifest names and the schema the host checks manifests against. */
const COPIED = ["schema/azure-relay.graphql", "schema/plugin.schema.json"];

/** Builds the package into `outDir`; resolves to `{ outDir, manifest, dependencies }`. */
async function buildPackage(outDir = DEFAULT_OUT) {
  fs.rmSync(outDir, { recursive: true, force: true });
  compileServer(outDir);
  copyServerAssets(outDir);
  await buildComponents({ outfile: path.join(outDir, "components/dist/azure-relay.js") });
  // The reference host's API explorer (GraphiQL, bundled; the package has no sources to build it from).
  await buildExplorer({ outdir: path.join(outDir, "dist/explorer") });
  for (const file of COPIED) copy(file, outDir);
  const manifest = writeManifest(outDir);
  const { dependencies, peerDependencies } = packageDependencies(ROOT, path.join(outDir, "server"));
  writePackageJson(outDir, dependencies, peerDependencies);
  writeHostBin(outDir);
  return { outDir, manifest, dependencies };
}

function compileServer(outDir) {
  const tsc = require.resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", path.join(ROOT, "tsconfig.build.json"), "--outDir", outDir], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${result.status})`);
}

/**
 * tsc emits JavaScript only: any other file beside the compiled sources (a JSON table, a native add-on) is copied as
 * it is. READMEs stay in the repository.
 */
function copyServerAssets(outDir) {
  const { include } = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.build.json"), "utf8"));
  for (const dir of include.filter((entry) => entry.startsWith("server/"))) {
    for (const file of filesUnder(path.join(ROOT, dir))) {
      if (/\.(ts|md)$/.test(file)) continue;
      copy(path.relative(ROOT, file), outDir);
    }
  }
}

function copy(relative, outDir) {
  fs.mkdirSync(path.dirname(path.join(outDir, relative)), { recursive: true });
  fs.copyFileSync(path.join(ROOT, relative), path.join(outDir, relative));
}

/** plugin.json with `server.entry` pointing at the compiled module; every file the manifest names must be in the package. */
function writeManifest(outDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "plugin.json"), "utf8"));
  manifest.server.entry = manifest.server.entry.replace(/\.ts$/, ".js");
  const named = [manifest.server.entry, manifest.graphql?.schema, manifest.components?.entry].filter(Boolean);
  const missing = named.filter((file) => !fs.existsSync(path.join(outDir, file)));
  if (missing.length > 0) throw new Error(`plugin.json names files the package lacks: ${missing.join(", ")}`);
  fs.writeFileSync(path.join(outDir, "plugin.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

function writePackageJson(outDir, dependencies, peerDependencies) {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const pkg = {
    name: root.name,
    version: root.version,
    description: PACKAGE_DESCRIPTION,
    license: root.license,
    // Not for a public registry: a host installs the tarball `npm run pack` makes.
    private: true,
    engines: root.engines,
    main: JSON.parse(fs.readFileSync(path.join(outDir, "plugin.json"), "utf8")).server.entry,
    bin: { "ecs-reference-host": "bin/ecs-reference-host.js" },
    // components/src/i18n: the server-message catalogues, compiled by tsc because the plugin's system operation
    // takes its texts from them (server/plugin/operations/clear-caches-messages.ts).
    files: ["plugin.json", "bin", "server", "components/dist", "components/src/i18n", "dist/explorer", "schema"],
    dependencies,
    peerDependencies,
  };
  fs.writeFileSync(path.join(outDir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
}

/** A bin needs a shebang; the compiled CLI has none, so a two-line launcher requires it. */
function writeHostBin(outDir) {
  const file = path.join(outDir, "bin/ecs-reference-host.js");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/usr/bin/env node\n"use strict";\nrequire("../server/host/reference/cli.js");\n', { mode: 0o755 });
}

function parseOut(argv) {
  const at = argv.indexOf("--out");
  if (at === -1) return DEFAULT_OUT;
  if (!argv[at + 1]) throw new Error("--out needs a folder");
  return path.resolve(argv[at + 1]);
}

module.exports = { buildPackage, DEFAULT_OUT };

if (require.main === module) {
  const started = Date.now();
  Promise.resolve()
    .then(() => buildPackage(parseOut(process.argv.slice(2))))
    .then(
      ({ outDir, manifest, dependencies }) =>
        console.log(
          `built ${path.relative(process.cwd(), outDir) || "."}: plugin ${manifest.id} ${manifest.version}, ` +
            `entry ${manifest.server.entry}, ${Object.keys(dependencies).length} production dependencies (${Date.now() - started} ms)`,
        ),
      (error) => {
        console.error(`build failed: ${error.message}`);
        process.exit(1);
      },
    );
}
