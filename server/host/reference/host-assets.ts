/**
 * The host's own browser scripts, served at `/host-assets/<name>` from server/host/reference/assets/ (the strict CSP
 * allows same-origin script files only). A fixed list: nothing else in that folder, or outside it, is reachable.
 */
import * as path from "node:path";
import type { ServerResponse } from "node:http";
import { sendStatic } from "./static-files";

export const HOST_ASSETS_PREFIX = "/host-assets/";

/** The files the pages load: the menu toggle and the System Operations runner. */
const ASSETS = new Set(["shell.js", "system-operations.js"]);
const ASSETS_DIR = path.join(__dirname, "assets");

/** The URL of a host asset, e.g. `/host-assets/shell.js`. */
export function hostAssetUrl(name: string): string {
  return `${HOST_ASSETS_PREFIX}${name}`;
}

/** Serves `/host-assets/<name>` when `name` is one of ours; answers 404 otherwise. */
export function serveHostAsset(pathname: string, res: ServerResponse): void {
  const name = pathname.slice(HOST_ASSETS_PREFIX.length);
  if (!ASSETS.has(name)) {
    res.statusCode = 404;
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    return void res.end("not found");
  }
  sendStatic(res, path.join(ASSETS_DIR, name));
}
