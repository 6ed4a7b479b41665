/**
 * The built package's dependencies, derived from what its compiled code requires (docs/packaging.md, *Dependencies*).
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { builtinModules } = require("node:module");
const { filesUnder } = require("./files");

/**
 * Dependencies the compiled code never names in a `require` but needs when present: bufferutil is what both ws copies
 * (hyco-https's ws 6, ws 8) load to mask frames natively (server/relay/README.md).
 */
const LOADED_INDIRECTLY = ["bufferutil"];
/**
 * Packages the host and the plugin must share one copy of, so they are peer dependencies (npm ≥ 7 installs them when the
 * host has none): graphql, because the plugin hands the host GraphQLSchema objects and graphql-js refuses types "from
 * another module or realm". The range accepts the pinned version and later minors.
 */
const SHARED_WITH_HOST = ["graphql"];

/**
 * The root package's `dependencies` the package needs at run time: every package a compiled file requires, the
 * non-optional peers of those (type-graphql's graphql-scalars), and LOADED_INDIRECTLY. A required package that is not
 * a root dependency (only a devDependency, or missing) fails the build: it would be absent from a production install.
 */
function runtimeDependencies(root, serverDir) {
  const pinned = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).dependencies ?? {};
  const required = new Set([...requiredPackages(serverDir), ...LOADED_INDIRECTLY]);
  const notPinned = [...required].filter((name) => !(name in pinned));
  if (notPinned.length > 0) throw new Error(`required at run time but not in package.json dependencies: ${notPinned.join(", ")}`);
  for (const name of [...required]) {
    // Not require.resolve(`${name}/package.json`): packages with "exports" may not expose it.
    const own = JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8"));
    for (const peer of Object.keys(own.peerDependencies ?? {})) {
      if (own.peerDependenciesMeta?.[peer]?.optional) continue;
      if (!(peer in pinned)) throw new Error(`${name} needs its peer ${peer}, which is not in package.json dependencies`);
      required.add(peer);
    }
  }
  return Object.fromEntries([...required].sort().map((name) => [name, pinned[name]]));
}

/** Package names of every bare `require("…")` in the compiled JavaScript under `dir` (node built-ins left out). */
function requiredPackages(dir) {
  const names = new Set();
  for (const file of filesUnder(dir).filter((name) => name.endsWith(".js"))) {
    for (const [, specifier] of fs.readFileSync(file, "utf8").matchAll(/\brequire\("([^"./][^"]*)"\)/g)) {
      if (specifier.startsWith("node:") || builtinModules.includes(specifier)) continue;
      const parts = specifier.split("/");
      names.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]);
    }
  }
  return names;
}

/** `{ dependencies, peerDependencies }` of the package whose compiled code is in `serverDir`, from the pins in `root`. */
function packageDependencies(root, serverDir) {
  const dependencies = runtimeDependencies(root, serverDir);
  const shared = SHARED_WITH_HOST.filter((name) => name in dependencies);
  const peerDependencies = Object.fromEntries(shared.map((name) => [name, `^${dependencies[name]}`]));
  for (const name of shared) delete dependencies[name];
  return { dependencies, peerDependencies };
}

module.exports = { packageDependencies };
