/** Small HTTP helpers shared by the routes: security headers, cookies, bodies, responses. */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { closeIfBodyRefused } from "./request-body";

// Body reading lives in request-body.ts; re-exported so the routes and GraphQL keep one import.
export { BodyTooLargeError, DEFAULT_BODY_LIMIT, readBody } from "./request-body";

/** The strict CSP every page carries: no inline script anywhere, scripts only from this origin. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Sets the headers every response carries. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("X-Frame-Options", "DENY");
}

/**
 * True when a browser says the request comes from another site. `Sec-Fetch-Site` decides when sent
 * (every current browser sends it); otherwise a real `Origin` is compared with `Host`. `Origin: null`
 * alone proves nothing: our own `Referrer-Policy: no-referrer` makes browsers send it on same-origin
 * form posts. Requests without either header (curl, scripts) are not browser requests and pass.
 */
export function isCrossSite(req: IncomingMessage): boolean {
  const site = req.headers["sec-fetch-site"];
  if (typeof site === "string") return site !== "same-origin" && site !== "none";
  const origin = req.headers.origin;
  if (!origin || origin === "null") return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/** Cookie header → name/value map (first occurrence wins). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!(name in out)) {
      try {
        out[name] = decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        out[name] = part.slice(eq + 1).trim();
      }
    }
  }
  return out;
}

/** Sends an HTML page. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  closeIfBodyRefused(res);
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(html);
}

/** Sends JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  closeIfBodyRefused(res);
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(JSON.stringify(body));
}

/** Redirects with 303 (a POST is followed by a GET). */
export function redirect(res: ServerResponse, location: string, status = 303): void {
  res.statusCode = status;
  closeIfBodyRefused(res);
  res.setHeader("Location", location);
  res.end();
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Starts listening; rejects on EADDRINUSE and the like instead of emitting an unhandled error. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
