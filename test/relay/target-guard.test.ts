/**
 * The connect-time target guard (server/relay/target-guard.ts) with real sockets: the forwarder's agents resolve through
 * the guard, so a name that resolves (now) to a denied address is refused before any connection is made — counted
 * by a TCP pass-through in front of a real target. Then the whole data plane: a relayed request to the host's own
 * port gets 502 with a clear reason, and the target never sees a connection.
 */
import type { LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { createTargetAgents } from "../../server/relay/forwarder";
import { TargetGuard, TargetRefusedError } from "../../server/relay/target-guard";
import type { RelayEmulator } from "../support/emulator";
import type { TestTarget } from "../support/target";
import { countingProxy, emulatorSpec, sendThroughRelay, useRelayRig, type RecordingDataPlane } from "./harness";

let emu: RelayEmulator;
let target: TestTarget;
let dp: RecordingDataPlane;
useRelayRig((rig) => ({ emu, target, dp } = rig));

let proxy: Awaited<ReturnType<typeof countingProxy>>;
beforeEach(async () => {
  proxy = await countingProxy(target.port);
});
afterEach(async () => {
  await proxy.close();
});

/** An injectable resolver: `localtest` answers whatever the test says, as a DNS server that changed its mind would. */
function fakeDns(): { answers: Record<string, LookupAddress[]>; resolveAll: (name: string) => Promise<LookupAddress[]> } {
  const answers: Record<string, LookupAddress[]> = {};
  return {
    answers,
    resolveAll: async (name) => {
      const found = answers[name];
      if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: "ENOTFOUND" });
      return found;
    },
  };
}

/** GET through `agent`; resolves to the status, or to the error the request failed with. */
function get(agent: http.Agent, url: string, headers: http.OutgoingHttpHeaders = {}): Promise<number | Error> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", resolve);
  });
}

test("a name resolving to an allowed address connects; once DNS moves it to a denied one, no connection is made", async () => {
  const dns = fakeDns();
  const agents = createTargetAgents(new TargetGuard({}, dns.resolveAll));
  try {
    dns.answers.localtest = [{ address: "127.0.0.1", family: 4 }];
    expect(await get(agents.http, `http://localtest:${proxy.port}/echo`, { connection: "close" })).toBe(200);
    expect(proxy.connections()).toBe(1);

    dns.answers.localtest = [{ address: "169.254.169.254", family: 4 }];
    const refused = await get(agents.http, `http://localtest:${proxy.port}/echo`);
    expect(refused).toBeInstanceOf(TargetRefusedError);
    expect((refused as Error).message).toContain("localtest (169.254.169.254) is a link-local address");
    expect(proxy.connections()).toBe(1);
  } finally {
    agents.http.destroy();
    agents.https.destroy();
  }
});

test.each([
  ["a name answering with one allowed and one denied address", "localtest", [{ address: "127.0.0.1", family: 4 }, { address: "::ffff:169.254.169.254", family: 6 }]],
  ["a name for the host's own port", "localtest", [{ address: "127.0.0.1", family: 4 }]],
  ["an IPv4-mapped literal of the host's own port", "[::ffff:127.0.0.1]", []],
  ["a loopback literal on the host's own port", "127.0.0.1", []],
])("%s is refused before connecting", async (_label, host, addresses) => {
  const dns = fakeDns();
  dns.answers.localtest = addresses as LookupAddress[];
  const agents = createTargetAgents(new TargetGuard({ hostEndpoints: [{ address: "127.0.0.1", port: proxy.port }] }, dns.resolveAll));
  try {
    const result = await get(agents.http, `http://${host}:${proxy.port}/echo`);
    expect(result).toBeInstanceOf(TargetRefusedError);
    expect(proxy.connections()).toBe(0);
  } finally {
    agents.http.destroy();
    agents.https.destroy();
  }
});

test("https agents are guarded too (a denied literal never gets a TLS handshake)", async () => {
  const agents = createTargetAgents(new TargetGuard({ hostEndpoints: [{ address: "127.0.0.1", port: proxy.port }] }));
  try {
    const result = await new Promise<unknown>((resolve) => {
      const req = https.get(`https://127.0.0.1:${proxy.port}/`, { agent: agents.https }, () => resolve("answered"));
      req.on("error", resolve);
    });
    expect(result).toBeInstanceOf(TargetRefusedError);
    expect(proxy.connections()).toBe(0);
  } finally {
    agents.http.destroy();
    agents.https.destroy();
  }
});

test("through the data plane: a relayed request to the host's own port gets 502 with the reason; the target sees nothing", async () => {
  dp.plane.send({ type: "configure", options: { targetGuard: { hostEndpoints: [{ address: "127.0.0.1", port: proxy.port }] } } });
  const spec = emulatorSpec(emu, `http://127.0.0.1:${proxy.port}/`);
  try {
    await dp.online(spec);
    const res = await sendThroughRelay(emu, "/ecs-core/echo");
    expect(res.status).toBe(502);
    expect(res.body.toString()).toContain("refused by the plugin's target rules");
    expect(proxy.connections()).toBe(0);
    await dp.stopListener(spec.listenerId);
    const traffic = dp.of(spec.listenerId).filter((e) => e.type === "traffic").pop();
    expect(traffic?.type === "traffic" && traffic.traffic.failed.targetUnreachable).toBe(1);
  } finally {
    dp.plane.send({ type: "configure", options: { targetGuard: {} } });
  }
  // With the default settings the same target is reachable again: the guard refused only what it should.
  const again = emulatorSpec(emu, `http://127.0.0.1:${proxy.port}/`);
  await dp.online(again);
  expect((await sendThroughRelay(emu, "/ecs-core/echo")).status).toBe(200);
  expect(proxy.connections()).toBe(1);
  await dp.stopListener(again.listenerId);
});
