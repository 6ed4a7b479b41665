/**
 * Events between one plugin's activations on the hosts of a Redis farm (contract 2.2 `publishEvent`/`onEvent`):
 * one PUBLISH per event on `ecs-farm:events`, fire and forget. Each message names the process that sent it, so a
 * host drops its own echo (the plugin delivered it locally already) and every event reaches each host once.
 */
import type { FarmEvent } from "../../contract";

export const EVENTS_CHANNEL = "ecs-farm:events";
/** Largest event accepted for publishing or delivery (JSON characters): events are status lines, not bulk data. */
export const MAX_EVENT_CHARS = 64 * 1024;

/** What travels on the channel. `instance` is random per host process (host ids can be mistyped into duplicates). */
interface WireEvent {
  instance: string;
  hostId: string;
  plugin: string;
  topic: string;
  payload: unknown;
}

/** The message for one event, or an explanation why it cannot be sent. */
export function encodeEvent(event: WireEvent): { message: string } | { refused: string } {
  let message: string;
  try {
    message = JSON.stringify(event);
  } catch (error) {
    return { refused: `payload is not JSON-serialisable (${(error as Error).message})` };
  }
  if (message === undefined) return { refused: "payload is not JSON-serialisable" };
  if (message.length > MAX_EVENT_CHARS) return { refused: `event is ${message.length} characters of JSON, more than ${MAX_EVENT_CHARS}` };
  return { message };
}

export type ReceivedEvent = { plugin: string; event: FarmEvent } | { echo: true } | { sameHostId: true } | undefined;

/**
 * Classifies one message from the channel: another host's event (for `plugin`), this process's own echo, one
 * from another process claiming this host's id (a configuration error), or undefined for anything malformed.
 */
export function decodeEvent(message: string, self: { instance: string; hostId: string }): ReceivedEvent {
  if (message.length > MAX_EVENT_CHARS) return undefined;
  let wire: Partial<WireEvent>;
  try {
    wire = JSON.parse(message) as Partial<WireEvent>;
  } catch {
    return undefined;
  }
  if (typeof wire !== "object" || wire === null) return undefined;
  if (![wire.instance, wire.hostId, wire.plugin, wire.topic].every((v) => typeof v === "string" && v.length > 0 && v.length <= 200)) return undefined;
  if (wire.instance === self.instance) return { echo: true };
  if (wire.hostId === self.hostId) return { sameHostId: true };
  return { plugin: wire.plugin as string, event: Object.freeze({ topic: wire.topic as string, hostId: wire.hostId as string, payload: wire.payload }) };
}
