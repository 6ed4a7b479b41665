/**
 * What-if switches for the host child (`--experiment a,b` → BENCH_EXPERIMENTS), to test a suggested fix before
 * anyone changes server code: they patch libraries at load time in the bench's own child process only. A run with
 * experiments is labelled as such in the report and is never the product's figure.
 *   simple-resolvers   every type-graphql object type as `simpleResolvers: true` (plain fields skip the middleware
 *                      chain; the plugin's global error-mapping middleware otherwise wraps every field in a promise)
 *   no-cache-control   Apollo's auto-installed cache-control plugin replaced by a no-op (its willResolveField runs
 *                      for every field)
 *   store-page-1000    @keyv/sqlite iterates 1 000 rows per query instead of its default 10 (each page is a
 *                      `LIKE … LIMIT 10 OFFSET n` scan, so listing N entries costs N/10 queries of growing cost)
 *   light-pipeline     `stream/promises.pipeline` replaced by a `.pipe()` chain in the data-plane worker: every
 *                      Worker this host starts gets light-pipeline.ts as a preload (the data plane sets its
 *                      workers' execArgv itself, so a preload on the host's command line would not reach them)
 */
import path from "node:path";

export const EXPERIMENTS = ["simple-resolvers", "no-cache-control", "store-page-1000", "light-pipeline"] as const;

export function applyExperiments(list: readonly string[]): void {
  for (const name of list) {
    if (name === "simple-resolvers") simpleResolvers();
    else if (name === "no-cache-control") noCacheControl();
    else if (name === "store-page-1000") storePage1000();
    else if (name === "light-pipeline") preloadInWorkers(path.join(__dirname, "light-pipeline.ts"));
    else throw new Error(`unknown experiment ${name} (known: ${EXPERIMENTS.join(", ")})`);
  }
}

function preloadInWorkers(file: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const threads = require("node:worker_threads") as { Worker: new (f: string | URL, o?: WorkerOptions) => unknown };
  const Original = threads.Worker;
  type WorkerOptions = { execArgv?: string[] } & Record<string, unknown>;
  threads.Worker = class extends (Original as new (f: string | URL, o?: WorkerOptions) => object) {
    constructor(f: string | URL, o: WorkerOptions = {}) {
      super(f, { ...o, execArgv: [...(o.execArgv ?? process.execArgv), "-r", file] });
    }
  } as typeof Original;
}

function simpleResolvers(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getMetadataStorage } = require("type-graphql") as { getMetadataStorage(): { collectObjectMetadata(def: { simpleResolvers?: boolean }): void } };
  const storage = getMetadataStorage();
  const collect = storage.collectObjectMetadata.bind(storage);
  storage.collectObjectMetadata = (def) => collect({ ...def, simpleResolvers: def.simpleResolvers ?? true });
}

function noCacheControl(): void {
  const apolloMain = require.resolve("@apollo/server");
  const file = require.resolve("./plugin/cacheControl/index.js", { paths: [apolloMain.replace(/index\.js$/, "")] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { ApolloServerPluginCacheControl: unknown };
  // An internal id marks it as "the" cache-control plugin, so Apollo does not install its own; the hooks do nothing.
  mod.ApolloServerPluginCacheControl = () => ({ __internal_plugin_id__: "CacheControl" });
}

function storePage1000(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sqlite = require("@keyv/sqlite") as { default: { prototype: { iterator(ns?: string): unknown; opts: { iterationLimit?: number } } } };
  const proto = sqlite.default.prototype;
  const iterate = proto.iterator;
  proto.iterator = function (this: typeof proto, ns?: string) {
    this.opts.iterationLimit = 1000;
    return iterate.call(this, ns);
  };
}
