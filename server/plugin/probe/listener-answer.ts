/**
 * What a listener's own probe answer says (its body: host id, when it got the probe) and the relay → listener hop's
 * time worked out from it (docs/operations.md, section Probe, "Timing of the relay → listener hop").
 */
import type { ProbeExchange } from "./probe-request";

/**
 * When the listener got the probe, in ms from the probe's start: its host's wall clock (`receivedAt`) against this
 * host's (`startedAt`). Only a value between the connection to the relay and the answer's arrival is believable;
 * anything else means the two clocks disagree by more than the hop takes, and the hop's time stays unknown.
 */
export function arrivalMs(exchange: ProbeExchange, receivedAt: number | null): { ms: number | null; outcome: string } {
  if (receivedAt === null || exchange.startedAt === undefined) return { ms: null, outcome: "delivered" };
  const ms = Math.round((receivedAt - exchange.startedAt) * 100) / 100;
  if (ms < (exchange.connectedMs ?? 0) || ms > exchange.totalMs) return { ms: null, outcome: "delivered (time unknown: the hosts' clocks disagree)" };
  return { ms, outcome: "delivered" };
}

/** The listener's own answer names its host and when it got the probe; bounded and checked, it came over the network. */
export function listenerAnswerOf(body: string | undefined): { hostId: string | null; receivedAt: number | null } {
  try {
    const { hostId, receivedAt } = JSON.parse(body ?? "") as { hostId?: unknown; receivedAt?: unknown };
    return {
      hostId: typeof hostId === "string" && hostId.length <= 200 ? hostId : null,
      receivedAt: typeof receivedAt === "number" && Number.isFinite(receivedAt) ? receivedAt : null,
    };
  } catch {
    return { hostId: null, receivedAt: null };
  }
}
