/**
 * Admin API under `/$emulator/` (loopback only), JSON in and out. Tests and the CLI use it to inspect and change the
 * namespace and to inject faults. Errors: `{ "error": "..." }` with 400/403/404/409.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { connectionStrings } from "./connection-strings";
import type { EmulatorContext } from "./context";
import { applyFault } from "./admin-faults";
import { AccessRight, HybridConnection, NamespaceError, SasRule } from "./namespace";

const MAX_BODY = 1024 * 1024;
type Json = Record<string, unknown>;
type Route = (ctx: EmulatorContext, params: string[], body: Json) => unknown;

export function isLoopback(address: string | undefined): boolean {
  return !!address && (address.startsWith("127.") || address === "::1" || address.startsWith("::ffff:127."));
}

export function hcView(ctx: EmulatorContext, hc: HybridConnection): Json {
  return {
    name: hc.name,
    requiresClientAuthorization: hc.requiresClientAuthorization,
    userMetadata: hc.userMetadata,
    enabled: hc.enabled,
    createdAt: hc.createdAt.toISOString(),
    updatedAt: hc.updatedAt.toISOString(),
    listenerCount: ctx.listeners.count(hc.name),
  };
}
function ruleView(r: SasRule): Json {
  return { name: r.name, rights: r.rights, ...(r.hybridConnection ? { hybridConnection: r.hybridConnection } : {}) };
}
function stats(ctx: EmulatorContext): Json {
  const out: Json = {};
  for (const hc of ctx.ns.listHybridConnections()) out[hc.name] = { listeners: ctx.listeners.count(hc.name), ...ctx.stats.of(hc.name) };
  return { hybridConnections: out };
}

const ROUTES: Array<[string, RegExp, Route]> = [
  ["GET", /^connection-strings$/, (ctx) => connectionStrings(ctx.ns, ctx.namespaceHost())],
  ["GET", /^stats$/, (ctx) => stats(ctx)],
  // Tracking ids of the connected control channels: a new id shows a listener really reconnected (restart tests).
  ["GET", /^listeners$/, (ctx) => Object.fromEntries(ctx.ns.listHybridConnections().map((hc) => [hc.name, ctx.listeners.list(hc.name).map((l) => l.id)]))],
  ["GET", /^hybrid-connections$/, (ctx) => ctx.ns.listHybridConnections().map((hc) => hcView(ctx, hc))],
  ["POST", /^hybrid-connections$/, (ctx, _, b) => hcView(ctx, ctx.ns.addHybridConnection(b as never))],
  ["GET", /^hybrid-connections\/(.+)$/, (ctx, [n]) => hcView(ctx, requireHc(ctx, n))],
  ["PATCH", /^hybrid-connections\/(.+)$/, (ctx, [n], b) => hcView(ctx, ctx.ns.updateHybridConnection(n, b))],
  ["DELETE", /^hybrid-connections\/(.+)$/, (ctx, [n]) => (ctx.ns.removeHybridConnection(n), { deleted: n })],
  ["GET", /^rules$/, (ctx) => ctx.ns.listRules().map(ruleView)],
  ["POST", /^rules$/, (ctx, _, b) => ruleView(ctx.ns.addRule(b as never))],
  ["GET", /^rules\/([^/]+)\/keys$/, (ctx, [n]) => ({ keyName: n, ...ctx.ns.getKeys(n) })],
  ["PATCH", /^rules\/([^/]+)$/, (ctx, [n], b) => ruleView(ctx.ns.updateRuleRights(n, b.rights as AccessRight[]))],
  ["DELETE", /^rules\/([^/]+)$/, (ctx, [n]) => (ctx.ns.removeRule(n), { deleted: n })],
  [
    "POST",
    /^rules\/([^/]+)\/regenerate$/,
    (ctx, [n], b) => {
      ctx.ns.regenerateKey(n, b.keyType as "PrimaryKey", typeof b.key === "string" ? b.key : undefined);
      return { keyName: n, ...ctx.ns.getKeys(n) };
    },
  ],
  ["POST", /^faults\/([a-z-]+)$/, (ctx, [kind], b) => applyFault(ctx, kind, b)],
];

function requireHc(ctx: EmulatorContext, name: string): HybridConnection {
  const hc = ctx.ns.getHybridConnection(name);
  if (!hc) throw new NamespaceError("NOT_FOUND", `hybrid connection '${name}' not found`);
  return hc;
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value ?? null);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

const STATUS_OF = { NOT_FOUND: 404, CONFLICT: 409, BAD_INPUT: 400 } as const;

export function handleAdmin(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, subPath: string): void {
  // The admin API hands out keys: never answer anything but loopback.
  if (!isLoopback(req.socket.remoteAddress)) return send(res, 403, { error: "the admin API answers on loopback only" });
  const matches = ROUTES.map(([m, re, fn]) => ({ m, hit: re.exec(subPath), fn })).filter((r) => r.hit);
  const route = matches.find((r) => r.m === req.method);
  if (!route) return send(res, matches.length ? 405 : 404, { error: `no route ${req.method} /$emulator/${subPath}` });
  readJson(req, (err, body) => {
    if (err) return send(res, 400, { error: err.message });
    try {
      const params = route.hit!.slice(1).map(decodeURIComponent);
      send(res, req.method === "POST" && /^(hybrid-connections|rules)$/.test(subPath) ? 201 : 200, route.fn(ctx, params, body));
    } catch (e) {
      if (e instanceof NamespaceError) return send(res, STATUS_OF[e.code], { error: e.message });
      send(res, 500, { error: (e as Error).message });
    }
  });
}

function readJson(req: IncomingMessage, done: (err: Error | undefined, body: Json) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (c: Buffer) => {
    size += c.length;
    if (size <= MAX_BODY) chunks.push(c);
  });
  req.on("end", () => {
    if (size > MAX_BODY) return done(new Error("body too large"), {});
    const text = Buffer.concat(chunks).toString("utf8").trim();
    if (!text) return done(undefined, {});
    try {
      const v: unknown = JSON.parse(text);
      if (typeof v !== "object" || v === null || Array.isArray(v)) return done(new Error("expected a JSON object"), {});
      done(undefined, v as Json);
    } catch {
      done(new Error("invalid JSON"), {});
    }
  });
}
