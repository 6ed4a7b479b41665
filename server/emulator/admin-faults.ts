/** `POST /$emulator/faults/{kind}`: fault injection for tests. */
import type { EmulatorContext } from "./context";
import { NamespaceError } from "./namespace";
import { hideListeners, unhideListeners } from "./arm/hidden-listeners";

type Json = Record<string, unknown>;

function hcName(ctx: EmulatorContext, body: Json, required = true): string | undefined {
  const name = body.hybridConnection;
  if (name === undefined && !required) return undefined;
  const hc = typeof name === "string" ? ctx.ns.getHybridConnection(name) : undefined;
  if (!hc) throw new NamespaceError(name === undefined ? "BAD_INPUT" : "NOT_FOUND", `hybridConnection '${String(name)}' unknown`);
  return hc.name;
}

function num(v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new NamespaceError("BAD_INPUT", `not a number: ${String(v)}`);
  return v;
}

export function applyFault(ctx: EmulatorContext, kind: string, body: Json): unknown {
  switch (kind) {
    case "drop-listeners": {
      // Like Azure recycling a gateway: every control channel of the path closes (default 1011).
      const hc = hcName(ctx, body)!;
      const code = num(body.code, 1011);
      // Codes a close frame may carry (RFC 6455 §7.4): ws would throw on the others.
      if (code < 1000 || code > 4999 || [1004, 1005, 1006, 1015].includes(code)) throw new NamespaceError("BAD_INPUT", `close code ${code} cannot be sent`);
      return { dropped: ctx.listeners.closeAll(hc, code, "Dropped by fault injection") };
    }
    case "refuse-listeners": {
      const hc = hcName(ctx, body)!;
      ctx.faults.refuseListeners(hc, num(body.seconds, 10), num(body.status, 503));
      return { refused: hc };
    }
    case "responses": {
      const hc = hcName(ctx, body)!;
      const count = body.count === undefined ? undefined : num(body.count, 1);
      ctx.faults.setResponseFault(hc, { delayMs: num(body.delayMs, 0), drop: body.drop === true, remaining: count });
      return { responses: hc };
    }
    case "expire-tokens": {
      // The tokens of connected listeners count as expired now: their channels close with 1008.
      const hc = hcName(ctx, body, false);
      const targets = hc ? ctx.listeners.list(hc) : ctx.listeners.all();
      targets.forEach((l) => l.setExpiry(0));
      return { expired: targets.length };
    }
    case "black-hole": {
      // A silent connection that stays open (half-open TCP, a load balancer that stopped forwarding): the emulator
      // stops reading the listener's control channels, so pings go unanswered and nothing is sent, yet no close.
      const listeners = ctx.listeners.list(hcName(ctx, body)!);
      listeners.forEach((l) => ctx.faults.blackHole(l.ws));
      return { blackHoled: listeners.length };
    }
    case "hide-listeners":
      // Half-open: sockets stay, listenerCount (ARM) stops counting them.
      return hideListeners(ctx, hcName(ctx, body)!);
    case "clear":
      ctx.faults.clear();
      unhideListeners(ctx);
      return { cleared: true };
    default:
      throw new NamespaceError("NOT_FOUND", `unknown fault '${kind}'`);
  }
}
