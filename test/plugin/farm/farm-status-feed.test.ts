/**
 * Another host's status change (server/plugin/farm/farm-status-feed.ts) becomes a relayStatusChanged event with that
 * host's id; a payload that is malformed in any field is dropped (another host, or anything on the channel, wrote it).
 */
import { statusEventFromFarm, STATUS_EVENT_TOPIC } from "../../../server/plugin/farm/farm-status-feed";
import type { RelayStatusChangedV1 } from "../../../server/plugin/status-events";

const payload: RelayStatusChangedV1 = {
  hostId: "host-b", registrationId: "r1", state: "RECONNECTING", previousState: "ONLINE", since: "2026-11-30T12:00:00.000Z",
  attempt: 2, nextRetryAt: "2026-11-30T12:00:05.000Z", lastError: { code: "RELAY_UNREACHABLE", message: "gone", advice: "wait" },
};
const event = (p: unknown, topic = STATUS_EVENT_TOPIC) => ({ topic, hostId: "host-b", payload: p });

it("turns a well-formed status change into the subscription's event, with the sending host's id", () => {
  expect(statusEventFromFarm(event(payload))).toEqual({
    hostId: "host-b", registrationId: "r1", previousState: "ONLINE",
    status: { state: "RECONNECTING", since: new Date(payload.since), attempt: 2, nextRetryAt: new Date(payload.nextRetryAt!), lastError: payload.lastError },
  });
  expect(statusEventFromFarm(event({ ...payload, previousState: null, attempt: 0, nextRetryAt: null, lastError: null }))?.status).toMatchObject({ attempt: null, nextRetryAt: null, lastError: null });
});

it("uses the host id the message came with, not one in the payload", () => {
  expect(statusEventFromFarm(event({ ...payload, hostId: "host-a" }))?.hostId).toBe("host-b");
});

it.each([
  ["another topic", event(payload, "something-else")],
  ["no payload", event(null)],
  ["an unknown state", event({ ...payload, state: "SLEEPING" })],
  ["an unknown previous state", event({ ...payload, previousState: "x" })],
  ["no registration id", event({ ...payload, registrationId: "" })],
  ["a date that is not one", event({ ...payload, since: "yesterday" })],
  ["a negative attempt", event({ ...payload, attempt: -1 })],
  ["a fractional attempt", event({ ...payload, attempt: 1.5 })],
  ["an error without a code", event({ ...payload, lastError: { message: "m", advice: "a" } })],
  ["an overlong message", event({ ...payload, lastError: { code: "C", message: "m".repeat(2001), advice: "a" } })],
])("drops a payload with %s", (_, farmEvent) => {
  expect(statusEventFromFarm(farmEvent)).toBeUndefined();
});
