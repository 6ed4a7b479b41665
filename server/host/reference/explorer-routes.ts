/**
 * The API explorer (GraphiQL, bundled offline by scripts/build-explorer.js into dist/explorer/) for signed-in users:
 * `GET /graphql` from a browser (`Accept: text/html`) and `GET /graphql/explorer` show it, `/graphql/explorer/<file>`
 * serves its two bundle files. Anonymous visitors go to /login. Posts to /graphql are untouched: Apollo's CSRF
 * prevention still refuses a simple cross-site post; the explorer sends `apollo-require-preflight` itself.
 * Its one CSP change: fonts and images from `data:` (GraphiQL's stylesheet embeds its fonts and icons that way).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../contract";
import { SESSION_COOKIE, type ReferenceAuth } from "./auth";
import { CONTENT_SECURITY_POLICY, parseCookies, redirect, sendHtml, sendJson } from "./http-util";
import { renderExplorerPage } from "./pages/explorer";
import { sendStatic } from "./static-files";

export const EXPLORER_PATH = "/graphql/explorer";
const FILES = new Set(["explorer.js", "explorer.css"]);
const REPO_ROOT = path.resolve(__dirname, "../../..");

/** The explorer page's CSP: the host's strict one, plus `data:` fonts and images for GraphiQL's stylesheet. */
export const EXPLORER_CSP = `${CONTENT_SECURITY_POLICY}; font-src 'self' data:; img-src 'self' data:`;

/** What the explorer needs of the host's route dependencies. */
export interface ExplorerDeps {
  auth: Pick<ReferenceAuth, "callerFrom">;
  logger: Logger;
  /** Language of the page's header (`ECS_LANGUAGE`); default en-GB. */
  language?: string;
}

/** True when this request is the explorer's (the page or one of its files); then it has been answered. */
export async function explorerRoute(deps: ExplorerDeps, req: IncomingMessage, res: ServerResponse, pathname: string, method: string): Promise<boolean> {
  if (method !== "GET" && method !== "HEAD") return false;
  const browserPage = pathname === "/graphql" && wantsHtml(req);
  if (!browserPage && pathname !== EXPLORER_PATH && !pathname.startsWith(`${EXPLORER_PATH}/`)) return false;
  const caller = deps.auth.callerFrom(undefined, parseCookies(req.headers.cookie)[SESSION_COOKIE]);
  if (caller.kind === "anonymous") return (redirect(res, "/login", 302), true);
  const bundleDir = await ensureBundle(deps);
  if (!bundleDir) return (sendJson(res, 404, { error: "the API explorer is not built (npm run build:explorer)" }), true);
  if (pathname.startsWith(`${EXPLORER_PATH}/`)) {
    const name = pathname.slice(EXPLORER_PATH.length + 1);
    if (!FILES.has(name)) return (sendJson(res, 404, { error: "not found" }), true);
    return (sendStatic(res, path.join(bundleDir, name)), true);
  }
  res.setHeader("Content-Security-Policy", EXPLORER_CSP);
  sendHtml(res, 200, renderExplorerPage(`${EXPLORER_PATH}/explorer.js`, `${EXPLORER_PATH}/explorer.css`, deps.language));
  return true;
}

/** A browser navigating to /graphql asks for HTML first; scripts and GraphQL clients ask for JSON. */
function wantsHtml(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? "";
  return accept.split(",")[0]?.trim().startsWith("text/html") === true;
}

let building: Promise<string | undefined> | undefined;

/** The bundle's folder, built on first use from the repository's sources when missing or stale (once at a time). */
function ensureBundle(deps: ExplorerDeps): Promise<string | undefined> {
  building ??= (async () => {
    const script = path.join(REPO_ROOT, "scripts/build-explorer.js");
    try {
      if (fs.existsSync(script)) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const built = await (require(script) as { ensureExplorerBuilt(): Promise<{ bytes: number; ms: number } | null> }).ensureExplorerBuilt();
        if (built) deps.logger.info("API explorer bundle built", { bytes: built.bytes, ms: built.ms });
      }
    } catch (error) {
      deps.logger.error("API explorer bundle failed to build", { error });
    }
    const dir = path.join(REPO_ROOT, "dist/explorer");
    return fs.existsSync(path.join(dir, "explorer.js")) ? dir : undefined;
  })().finally(() => (building = undefined));
  return building;
}
