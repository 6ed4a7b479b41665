/**
 * The farm's event messages (server/host/reference/farm/farm-events.ts): a host drops its own echo and events from
 * a process claiming its host id, keeps the others' with their host id, refuses what cannot be sent, and treats
 * every message as hostile (malformed, oversized, wrong types dropped).
 */
import { decodeEvent, encodeEvent, MAX_EVENT_CHARS } from "../../../server/host/reference/farm/farm-events";

const self = { instance: "me-1", hostId: "host-a" };
const wire = (over: Record<string, unknown> = {}) => JSON.stringify({ instance: "other-1", hostId: "host-b", plugin: "azure-relay", topic: "status-changed", payload: { n: 1 }, ...over });

it("delivers another host's event with its host id, drops this process's echo and a duplicate host id", () => {
  expect(decodeEvent(wire(), self)).toEqual({ plugin: "azure-relay", event: { topic: "status-changed", hostId: "host-b", payload: { n: 1 } } });
  expect(decodeEvent(wire({ instance: "me-1", hostId: "host-a" }), self)).toEqual({ echo: true });
  expect(decodeEvent(wire({ hostId: "host-a" }), self)).toEqual({ sameHostId: true });
});

it.each([
  ["not JSON", "{"],
  ["not an object", "42"],
  ["null", "null"],
  ["no instance", wire({ instance: undefined })],
  ["a number for a host id", wire({ hostId: 7 })],
  ["an empty topic", wire({ topic: "" })],
  ["an overlong plugin id", wire({ plugin: "p".repeat(201) })],
  ["an oversized message", wire({ payload: "x".repeat(MAX_EVENT_CHARS) })],
])("drops a message with %s", (_, message) => {
  expect(decodeEvent(message, self)).toBeUndefined();
});

it("refuses to send a payload that is not JSON or too large, saying why", () => {
  const event = { instance: "me-1", hostId: "host-a", plugin: "azure-relay", topic: "t" };
  expect(encodeEvent({ ...event, payload: { ok: true } })).toEqual({ message: JSON.stringify({ ...event, payload: { ok: true } }) });
  expect(encodeEvent({ ...event, payload: 10n })).toEqual({ refused: expect.stringContaining("not JSON-serialisable") });
  expect(encodeEvent({ ...event, payload: "x".repeat(MAX_EVENT_CHARS) })).toEqual({ refused: expect.stringMatching(/characters of JSON, more than 65536/) });
});
