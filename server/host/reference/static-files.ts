/**
 * Serves `/plugins/<id>/<path>` from the folder of that plugin's `components.entry` only
 * (e.g. components/dist/). Anything resolving outside that folder is a 404, whatever its encoding.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ServerResponse } from "node:http";
import type { LoadedManifest } from "./manifest-types";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** The URL a plugin's components entry is served at, e.g. `/plugins/azure-relay/components/dist/azure-relay.js`. */
export function componentsUrl(loaded: LoadedManifest): string | undefined {
  const entry = loaded.manifest.components?.entry;
  return entry ? `/plugins/${loaded.manifest.id}/${entry}` : undefined;
}

/** Resolves `/plugins/<id>/<rest>` to a file inside the plugin's components folder, or undefined. */
export function resolveStatic(pathname: string, plugins: LoadedManifest[]): string | undefined {
  const match = /^\/plugins\/([^/]+)\/(.+)$/.exec(pathname);
  if (!match) return undefined;
  const loaded = plugins.find((p) => p.manifest.id === match[1]);
  const entry = loaded?.manifest.components?.entry;
  if (!loaded || !entry) return undefined;
  let rest: string;
  try {
    rest = decodeURIComponent(match[2]);
  } catch {
    return undefined;
  }
  if (rest.includes("\0")) return undefined;
  const root = path.resolve(loaded.dir, path.dirname(entry));
  const file = path.resolve(loaded.dir, rest);
  return file.startsWith(root + path.sep) ? file : undefined;
}

/** Streams `file` with its content type, or 404 when it is not a regular file. */
export function sendStatic(res: ServerResponse, file: string): void {
  fs.stat(file, (error, stat) => {
    if (error || !stat.isFile()) {
      res.statusCode = 404;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      return void res.end("not found");
    }
    res.statusCode = 200;
    res.setHeader("Content-Type", TYPES[path.extname(file)] ?? "application/octet-stream");
    res.setHeader("Content-Length", stat.size);
    res.setHeader("Cache-Control", "no-cache");
    fs.createReadStream(file).on("error", () => res.destroy()).pipe(res);
  });
}
