/**
 * ProbeService alone, with jest's fake timers and the network part replaced (the real exchange is covered through
 * the emulator in probe.test.ts and periodic-probe.test.ts): grants are fresh per probe, the Send key is preferred,
 * periodic probes start, change and stop with the desired state, never overlap, and nothing outlives dispose().
 */
import type { ProbeGrant } from "../../../server/relay/protocol";
import type { ProbeCall, ProbeExchange } from "../../../server/plugin/probe/probe-request";
import { ProbeService } from "../../../server/plugin/probe/probe.service";
import type { RegistrationDesired } from "../../../server/plugin/registrations/relay-control";

function desired(id: string, probe?: RegistrationDesired["probe"], enabled = true): RegistrationDesired {
  return { registrationId: id, enabled, namespace: "ns.example", hybridConnectionName: "hc", secure: true, keyName: "listen", key: "listen-key", targetUrl: "http://127.0.0.1:1/", settingsVersion: "1", probe };
}

function rig() {
  const grants: ProbeGrant[] = [];
  const calls: ProbeCall[] = [];
  let answering = true;
  const service = new ProbeService({
    hostId: "host-a",
    grant: (g) => (grants.push(g), answering),
    // Stands in for the relay: answers like a listener holding the last grant.
    send: async (call) => {
      calls.push(call);
      const grant = grants.at(-1)!;
      return { connectedMs: 1, status: 200, answer: grant.answer, body: JSON.stringify({ hostId: grant.hostId }), totalMs: 5 } satisfies ProbeExchange;
    },
  });
  return { service, grants, calls, stopAnswering: () => (answering = false) };
}

afterEach(() => jest.useRealTimers());

test("each probe gets its own grant; the Send key is used when set; an unknown id is NOT_FOUND", async () => {
  const { service, grants, calls } = rig();
  service.apply([desired("a"), desired("b", { intervalSeconds: 0, send: { keyName: "send", key: "send-key" } })]);
  expect((await service.probe("a")).ok).toBe(true);
  expect((await service.probe("b")).answeredBy).toBe("host-a");
  expect(new Set(grants.map((g) => g.nonce)).size).toBe(2);
  expect(grants.every((g) => g.answer !== g.nonce && g.ttlMs === 12_000)).toBe(true);
  expect(calls.map((c) => c.keyName)).toEqual(["listen", "send"]);
  expect(calls.every((c, i) => c.nonce === grants[i].nonce && !JSON.stringify(c).includes(grants[i].answer))).toBe(true);
  await expect(service.probe("nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  service.dispose();
});

test("without a running worker the probe is not sent and says so", async () => {
  const { service, calls, stopAnswering } = rig();
  service.apply([desired("a")]);
  stopAnswering();
  const result = await service.probe("a");
  expect(result).toMatchObject({ ok: false, problem: { code: "PROBE_LISTENER_NOT_RUNNING" } });
  expect(calls).toHaveLength(0);
  service.dispose();
});

test("periodic probes follow the desired state and stop with dispose()", async () => {
  jest.useFakeTimers();
  const { service, calls } = rig();
  const seen: string[] = [];
  service.onProbed((r) => seen.push(r.registrationId));
  service.apply([desired("a", { intervalSeconds: 10 }), desired("off"), desired("disabled", { intervalSeconds: 10 }, false)]);
  await jest.advanceTimersByTimeAsync(10_000);
  expect(seen).toEqual(["a"]);
  await jest.advanceTimersByTimeAsync(10_000);
  expect(seen).toEqual(["a", "a"]);
  service.apply([desired("a", { intervalSeconds: 30 })]); // a new interval starts a new schedule
  await jest.advanceTimersByTimeAsync(20_000);
  expect(seen).toHaveLength(2);
  await jest.advanceTimersByTimeAsync(10_000);
  expect(seen).toHaveLength(3);
  expect(service.counts("a")).toEqual({ ok: 3, failed: 0 });
  service.apply([]); // removed: no more probes, its results forgotten
  expect(service.lastProbe("a")).toBeUndefined();
  await jest.advanceTimersByTimeAsync(60_000);
  expect(calls).toHaveLength(3);
  service.apply([desired("a", { intervalSeconds: 10 })]);
  service.dispose();
  expect(jest.getTimerCount()).toBe(0);
});

test("a farm's grant outcome is carried into the result; with no host holding the grant the probe is not sent", async () => {
  const calls: ProbeCall[] = [];
  let outcome = { grantedOn: ["host-a", "host-c"], notGranted: ["host-b"], farmReached: true };
  const service = new ProbeService({
    hostId: "host-a",
    grant: async () => outcome,
    send: async (call) => (calls.push(call), { connectedMs: 1, status: 502, body: "Bad Gateway", totalMs: 3 }),
  });
  service.apply([desired("a")]);
  const forwarded = await service.probe("a");
  expect(forwarded).toMatchObject({ ok: false, grantedOn: ["host-a", "host-c"], notGranted: ["host-b"], problem: { code: "PROBE_NOT_ANSWERED" } });
  expect(forwarded.problem?.message).toMatch(/not holding the grant: host-b\)$/);
  outcome = { grantedOn: [], notGranted: ["host-a", "host-b"], farmReached: true };
  expect(await service.probe("a")).toMatchObject({ ok: false, grantedOn: [], notGranted: ["host-a", "host-b"], problem: { code: "PROBE_LISTENER_NOT_RUNNING" } });
  expect(calls).toHaveLength(1);
  service.dispose();
});
