/**
 * Fault for half-open detection: the listeners connected now stay connected (their sockets, requests and token
 * renewals go on) but no longer count in `listenerCount`, as when Azure has dropped a channel our side still
 * believes open. A listener that reconnects is a new channel and counts again.
 * Admin API: `POST /$emulator/faults/hide-listeners { "hybridConnection": "…" }`; `faults/clear` shows them again.
 */
import type { EmulatorContext } from "../context";
import type { RelayListener } from "../listeners";

const hiddenByContext = new WeakMap<EmulatorContext, WeakSet<RelayListener>>();

function hiddenSet(ctx: EmulatorContext): WeakSet<RelayListener> {
  let hidden = hiddenByContext.get(ctx);
  if (!hidden) {
    hidden = new WeakSet();
    hiddenByContext.set(ctx, hidden);
    // The namespace's count (what ARM reports) skips hidden channels; the data plane keeps using them.
    ctx.ns.listenerCountOf = (name) => ctx.listeners.list(name).filter((l) => !hiddenByContext.get(ctx)?.has(l)).length;
  }
  return hidden;
}

/** Hides every listener of `hybridConnection` connected now; returns how many. */
export function hideListeners(ctx: EmulatorContext, hybridConnection: string): { hidden: number } {
  const hidden = hiddenSet(ctx);
  const listeners = ctx.listeners.list(hybridConnection);
  listeners.forEach((l) => hidden.add(l));
  return { hidden: listeners.length };
}

/** Counts every listener again (part of `faults/clear`). */
export function unhideListeners(ctx: EmulatorContext): void {
  if (hiddenByContext.has(ctx)) hiddenByContext.set(ctx, new WeakSet());
}
