/** Dispatch of everything that reaches the emulator's port. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { handleAdmin } from "./admin-api";
import type { EmulatorContext } from "./context";
import { handleListen } from "./control-channel";
import { handleHttpSender } from "./http-sender";
import { REASONS, rejectUpgrade, relayReason } from "./relay-errors";
import { handleConnect } from "./ws-sender";

export function routeRequest(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? "/").split("?")[0];
  if (path.startsWith("/$emulator/")) return handleAdmin(ctx, req, res, path.slice("/$emulator/".length).replace(/\/$/, ""));
  handleHttpSender(ctx, req, res);
}

export function routeUpgrade(ctx: EmulatorContext, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  socket.on("error", (err) => ctx.log(`upgrade socket error: ${err.message}`));
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://emulator");
  } catch {
    return rejectUpgrade(socket, 400, REASONS.badRequest);
  }
  const bad = (status: number, text: string) => rejectUpgrade(socket, status, relayReason(text, `sb://${ctx.namespaceHost()}${url.pathname}`));
  if (!url.pathname.startsWith("/$hc/")) return bad(404, REASONS.endpointNotFound);
  const entityPath = url.pathname.slice("/$hc/".length).replace(/\/+$/, "");
  const action = url.searchParams.get("sb-hc-action");
  switch (action) {
    case "listen": {
      let name = entityPath;
      try {
        name = decodeURIComponent(entityPath);
      } catch {
        return bad(400, REASONS.badRequest);
      }
      return handleListen(ctx, req, socket, head, url, ctx.ns.getHybridConnection(name));
    }
    case "connect":
      return handleConnect(ctx, { req, socket, head }, url, entityPath);
    case "request":
    case "accept": {
      const entry = ctx.rendezvous.claim(url.searchParams.get("sb-hc-id") ?? "", action, safeDecode(entityPath));
      if (!entry) return bad(403, REASONS.rendezvousExpired);
      return entry.onUpgrade(req, socket, head, url);
    }
    default:
      return bad(400, REASONS.badRequest);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
