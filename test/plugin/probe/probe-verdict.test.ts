/**
 * How a probe's exchange is judged, hop by hop, for the answers the suites through the emulator do not all reach
 * (an unreachable relay, a relay without listener, a listener that forwarded the probe) — and that the English
 * catalogue says exactly what the server says, so a translated problem reads the same.
 */
import { serverMessagesEnGB } from "../../../components/src/i18n/server-messages.en-GB";
import { PROBE_FAILING, PROBE_FAILING_TEXT, withProbe } from "../../../server/plugin/probe/probe-status";
import { judge, PROBE_PROBLEMS, type ProbeResult } from "../../../server/plugin/probe/probe-verdict";

const answer = "secret-answer";

test("a listener holding the grant answered: ok, with the round trip and its host", () => {
  const verdict = judge({ exchange: { connectedMs: 2, status: 200, answer, body: '{"hostId":"host-a","listenerId":"x#1"}', totalMs: 12.5 }, expectedAnswer: answer, ownKey: false });
  expect(verdict).toMatchObject({ ok: true, roundTripMs: 12.5, answeredBy: "host-a", problem: null });
  expect(verdict.hops).toEqual([
    { name: "sender → relay", outcome: "connected", ms: 2, clockSourced: false },
    { name: "relay → listener", outcome: "delivered", ms: null, clockSourced: false },
    { name: "listener → sender", outcome: "answered by host-a", ms: 12.5, clockSourced: false },
  ]);
});

test("the listener's receivedAt gives the relay → listener hop, marked as clock-sourced; a believable value only", () => {
  const startedAt = 1_700_000_000_000.25;
  const answered = (receivedAt: number) =>
    judge({ exchange: { startedAt, connectedMs: 2, status: 200, answer, body: JSON.stringify({ hostId: "host-b", receivedAt }), totalMs: 12.5 }, expectedAnswer: answer, ownKey: false });
  expect(answered(startedAt + 7.5).hops[1]).toEqual({ name: "relay → listener", outcome: "delivered", ms: 7.5, clockSourced: true });
  // Before the connection to the relay stood, or after the answer came back: the clocks disagree; the time stays unknown.
  for (const receivedAt of [startedAt + 1, startedAt + 20, startedAt - 500]) {
    expect(answered(receivedAt).hops[1]).toEqual({ name: "relay → listener", outcome: "delivered (time unknown: the hosts' clocks disagree)", ms: null, clockSourced: false });
    expect(answered(receivedAt).ok).toBe(true);
  }
});

test("not answered: the problem says which hosts did not hold the grant, or that every host did", () => {
  const unknownEndpoint = { connectedMs: 1, status: 404, body: "Endpoint does not exist.", totalMs: 4 };
  const notAnswered = { connectedMs: 1, status: 502, body: "Bad Gateway", totalMs: 4 };
  const detail = (grants: Parameters<typeof judge>[0]["grants"]) => judge({ exchange: notAnswered, expectedAnswer: answer, ownKey: false, grants }).problem?.message;
  expect(detail({ grantedOn: ["a"], notGranted: ["b", "c"], farmReached: true })).toMatch(/\(HTTP 502; not holding the grant: b, c\)$/);
  expect(detail({ grantedOn: ["a", "b"], notGranted: [], farmReached: true })).toMatch(/every host of the farm held the grant \(a, b\)\)$/);
  expect(detail({ grantedOn: ["a"], notGranted: [], farmReached: false })).toMatch(/Redis could not be reached, so only this host held the grant\)$/);
  expect(judge({ exchange: unknownEndpoint, expectedAnswer: answer, ownKey: false, grants: { grantedOn: ["a"], notGranted: [], farmReached: true } }).problem?.code).toBe("PROBE_NOT_DELIVERED");
});

test.each([
  ["the relay cannot be reached", { failure: { kind: "network", code: "ECONNREFUSED" }, totalMs: 3 }, true, "PROBE_RELAY_UNREACHABLE", "unreachable: ECONNREFUSED"],
  ["the relay refuses the registration's own key", { connectedMs: 1, status: 403, totalMs: 4 }, true, "PROBE_NEEDS_SEND_KEY", "refused: HTTP 403"],
  ["the relay refuses the probe's Send key", { connectedMs: 1, status: 401, totalMs: 4 }, false, "PROBE_SEND_KEY_REFUSED", "refused: HTTP 401"],
  ["the relay has no listener (its 502 text)", { connectedMs: 1, status: 502, body: "There are no listeners connected for the endpoint.", totalMs: 4 }, false, "PROBE_NOT_DELIVERED", "connected"],
  ["the hybrid connection does not exist (the relay's 404 text)", { connectedMs: 1, status: 404, reason: "Endpoint does not exist. TrackingId:x", body: "Endpoint does not exist.\n", totalMs: 4 }, false, "PROBE_NOT_DELIVERED", "connected"],
  ["a listener without the grant forwarded it (the target's 404)", { connectedMs: 1, status: 404, reason: "Not Found", body: "no such route", totalMs: 4 }, false, "PROBE_NOT_ANSWERED", "connected"],
  ["a listener without the grant forwarded it (the target's 502)", { connectedMs: 1, status: 502, body: "Bad Gateway: the local service could not be reached.\n", totalMs: 4 }, false, "PROBE_NOT_ANSWERED", "connected"],
  ["a forged answer (200 without the grant's answer)", { connectedMs: 1, status: 200, answer: "guess", totalMs: 4 }, false, "PROBE_NOT_ANSWERED", "connected"],
  ["no answer in time", { connectedMs: 1, failure: { kind: "timeout" }, totalMs: 1500 }, false, "PROBE_TIMEOUT", "connected"],
] as const)("%s: not ok, %s", (_what, exchange, ownKey, code, firstHop) => {
  const verdict = judge({ exchange: { ...exchange }, expectedAnswer: answer, ownKey });
  expect(verdict.ok).toBe(false);
  expect(verdict.answeredBy).toBeNull();
  expect(verdict.problem?.code).toBe(code);
  expect(verdict.hops[0].outcome).toBe(firstHop);
  expect(verdict.hops).toHaveLength(3);
});

test("only a path failure after the listener came online turns ONLINE into DEGRADED", () => {
  const online = { state: "ONLINE" as const, since: new Date(1_000) };
  const result = (code: string | null, at: number): ProbeResult => ({ registrationId: "r", ok: code === null, at: new Date(at), roundTripMs: null, answeredBy: null, grantedOn: [], notGranted: [], hops: [], problem: code ? { code, message: "m", advice: "a" } : null });
  expect(withProbe(online, result("PROBE_TIMEOUT", 2_000))).toMatchObject({ state: "DEGRADED", lastError: { code: PROBE_FAILING } });
  expect(withProbe(online, result("PROBE_TIMEOUT", 500))).toBe(online); // before this connection: stale
  expect(withProbe(online, result("PROBE_NEEDS_SEND_KEY", 2_000))).toBe(online); // the probe's key, not the path
  expect(withProbe(online, result("PROBE_NOT_ANSWERED", 2_000))).toBe(online); // a listener without the grant, not the path
  expect(withProbe(online, result(null, 2_000))).toBe(online);
  const reconnecting = { state: "RECONNECTING" as const, since: new Date(1_000), attempt: 1, nextRetryAt: null, lastError: { code: "X", message: "m", advice: "a" } };
  expect(withProbe(reconnecting, result("PROBE_TIMEOUT", 2_000))).toBe(reconnecting);
});

test("the English catalogue has the server's own texts for every probe code", () => {
  const catalogue = serverMessagesEnGB as Record<string, string>;
  for (const [code, text] of Object.entries({ ...PROBE_PROBLEMS, [PROBE_FAILING]: PROBE_FAILING_TEXT })) {
    expect([code, catalogue[`relay.${code}.message`], catalogue[`relay.${code}.advice`]]).toEqual([code, text.message, text.advice]);
  }
});
