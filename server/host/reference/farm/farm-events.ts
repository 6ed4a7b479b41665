/**
 * Events between one plugin's activations on the hosts of a Redis farm (contract 2.2 `publishEvent`/`onEvent`):
 * one PUBLISH per event on `ecs-farm:events`, fire and forget. Each message names the process that sent it, so a
 * host drops its own echo (the plugin delivered it locally already) and every event reaches each host once.
 */
import { randomUUID } from "node:crypto";
import type { FarmEvent, Logger } from "../../contract";

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

/** What the relay needs of the host's farm. */
export interface EventRelayDeps {
  hostId: string;
  logger: Logger;
  /** False while the farm cannot take an event (it is dropped then: fire and forget). */
  available(): boolean;
  publish(message: string): Promise<unknown>;
  deliver(plugin: string, event: FarmEvent): void;
}

/** This process's end of the events channel: `publish` for the plugins' events, `receive` for the channel's messages. */
export function createEventRelay(deps: EventRelayDeps): { publish(plugin: string, topic: string, payload: unknown): void; receive(message: string): void } {
  const self = { instance: randomUUID(), hostId: deps.hostId };
  let sameHostIdWarned = false;
  return {
    publish(plugin, topic, payload) {
      if (!deps.available()) return; // other hosts catch up from presence when the farm is back
      const encoded = encodeEvent({ ...self, plugin, topic, payload });
      if ("refused" in encoded) return deps.logger.warn("farm: event not published", { plugin, topic, reason: encoded.refused });
      void deps.publish(encoded.message).catch((error: unknown) => deps.logger.debug("farm: event not published", { plugin, topic, error: (error as Error)?.message }));
    },
    receive(message) {
      const received = decodeEvent(message, self);
      if (received && "event" in received) return deps.deliver(received.plugin, received.event);
      if (received && "sameHostId" in received && !sameHostIdWarned) {
        sameHostIdWarned = true;
        deps.logger.warn("farm: another host uses this host's ECS_HOST_ID; its events are ignored — give every host its own id", { hostId: deps.hostId });
      }
    },
  };
}
