/**
 * The listener's side of the end-to-end probe, on both engines, through the emulator with real sockets: a request to
 * the reserved probe path is answered by the listener itself only with a valid one-time nonce for its registration;
 * every other request to that path — no nonce, a used, expired, forged or other registration's nonce — is forwarded
 * to the target like any request. ProbeGrants' rules are also checked alone with an injected clock.
 */
import type { ListenerSpec, ProbeGrant, RelayEngineName } from "../../server/relay/protocol";
import { PROBE_ANSWER_HEADER, PROBE_NONCE_HEADER, PROBE_PATH, ProbeGrants } from "../../server/relay/probe-responder";
import { delay, emulatorSpec, sendThroughRelay, useRelayRig, type RelayRig } from "./harness";

const ENGINES: RelayEngineName[] = ["native", "hyco-https"];
const PROBE_URL = `/ecs-core${PROBE_PATH}`;

describe.each(ENGINES)("probe responder on the %s engine", (engine) => {
  let rig: RelayRig;
  let spec: ListenerSpec;
  useRelayRig((r) => (rig = r), "/", engine);

  beforeAll(async () => {
    spec = emulatorSpec(rig.emu, rig.target.url);
    await rig.dp.online(spec);
  });

  let n = 0;
  /** Issues a grant and waits until the worker confirms it holds it (as the supervisor does before probing). */
  async function grant(overrides: Partial<ProbeGrant> = {}): Promise<ProbeGrant> {
    const g: ProbeGrant = { registrationId: spec.registrationId, nonce: `nonce-${engine}-${++n}`, answer: `answer-${n}`, hostId: "host-under-test", ttlMs: 10_000, ...overrides };
    rig.dp.plane.send({ type: "probe-nonce", grant: g });
    await rig.dp.waitFor((e) => e.type === "probe-granted" && e.nonce === g.nonce);
    return g;
  }
  const probe = (nonce?: string, path = PROBE_URL) => sendThroughRelay(rig.emu, path, { headers: nonce ? { [PROBE_NONCE_HEADER]: nonce } : {} });
  const targetSaw = (): number => rig.target.requests.filter((r) => r.url.startsWith(PROBE_PATH)).length;

  test("a valid nonce is answered by the listener itself, with the grant's answer and host id, and never reaches the target", async () => {
    const g = await grant();
    const before = targetSaw();
    const sentAt = performance.timeOrigin + performance.now();
    const res = await probe(g.nonce);
    const backAt = performance.timeOrigin + performance.now();
    expect(res.status).toBe(200);
    expect(res.headers[PROBE_ANSWER_HEADER]).toBe(g.answer);
    const body = JSON.parse(res.body.toString("utf8")) as { receivedAt: number };
    expect(body).toEqual({ hostId: "host-under-test", listenerId: spec.listenerId, receivedAt: expect.any(Number) });
    // When the listener got it, by this machine's wall clock (the worker thread's): while the probe was under way,
    // within a sanity margin of a second for the two threads' clock origins.
    expect(body.receivedAt).toBeGreaterThan(sentAt - 1000);
    expect(body.receivedAt).toBeLessThan(backAt + 1000);
    expect(targetSaw()).toBe(before);
  });

  test("a used nonce is not accepted twice: the replay is forwarded to the target like any request", async () => {
    const g = await grant();
    expect((await probe(g.nonce)).headers[PROBE_ANSWER_HEADER]).toBe(g.answer);
    const before = targetSaw();
    const replay = await probe(g.nonce);
    expect(replay.status).toBe(404); // the test target's answer for an unknown route
    expect(replay.headers[PROBE_ANSWER_HEADER]).toBeUndefined();
    expect(targetSaw()).toBe(before + 1);
    expect(rig.target.requests.at(-1)?.headers[PROBE_NONCE_HEADER]).toBe(g.nonce);
  });

  test("a spoofed probe (no nonce, a forged one, another registration's, or an expired one) reaches the target", async () => {
    const other = await grant({ registrationId: "another-registration" });
    const expired = await grant({ ttlMs: 1 });
    await delay(20); // past its 1 ms
    const before = targetSaw();
    for (const nonce of [undefined, "forged", other.nonce, expired.nonce]) {
      const res = await probe(nonce);
      expect([nonce, res.status, res.headers[PROBE_ANSWER_HEADER]]).toEqual([nonce, 404, undefined]);
    }
    expect(targetSaw()).toBe(before + 4);
  });

  test("a valid nonce on another path is forwarded and stays unused", async () => {
    const g = await grant();
    const elsewhere = await probe(g.nonce, "/ecs-core/echo/x");
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers[PROBE_ANSWER_HEADER]).toBeUndefined();
    expect((await probe(g.nonce)).headers[PROBE_ANSWER_HEADER]).toBe(g.answer);
  });
});

describe("ProbeGrants", () => {
  const base = { registrationId: "r1", answer: "a", hostId: "h" };

  test("each nonce once, for its registration only, until it expires; expiry capped at 60 s", () => {
    let now = 1_000;
    const grants = new ProbeGrants(() => now);
    grants.issue({ ...base, nonce: "n1", ttlMs: 5_000 });
    expect(grants.take("r2", "n1")).toBeUndefined(); // another registration's listener cannot use it…
    expect(grants.take("r1", "n1")?.answer).toBe("a"); // …so it is still there for its own
    expect(grants.take("r1", "n1")).toBeUndefined();
    grants.issue({ ...base, nonce: "n2", ttlMs: 5_000 });
    now += 5_000;
    expect(grants.take("r1", "n2")).toBeUndefined();
    grants.issue({ ...base, nonce: "n3", ttlMs: 3_600_000 });
    now += 60_001;
    expect(grants.take("r1", "n3")).toBeUndefined();
  });

  test("holds a bounded number of grants, dropping the oldest and the expired", () => {
    let now = 0;
    const grants = new ProbeGrants(() => now);
    for (let i = 0; i < 300; i++) grants.issue({ ...base, nonce: `n${i}`, ttlMs: 10_000 });
    expect(grants.size).toBe(256);
    expect(grants.take("r1", "n0")).toBeUndefined();
    expect(grants.take("r1", "n299")).toBeDefined();
    now = 20_000;
    grants.issue({ ...base, nonce: "fresh", ttlMs: 10_000 });
    expect(grants.size).toBe(1);
  });
});
