/**
 * The end-to-end probe through the real stack (reference host + plugin, the emulator, a recording target), on both
 * engines: with a Listen-only key and no probe string it fails plainly (PROBE_NEEDS_SEND_KEY); with a Send
 * connection string it goes through the relay to this host's listener and back, measuring the round trip and
 * never reaching the target; a spoofed probe from a sender without the nonce is forwarded to the target like any
 * request. The Send connection string is sealed and never returned.
 */
import type { RelayEngineName } from "../../../server/relay/protocol";
import { PROBE_PATH } from "../../../server/relay/probe-responder";
import { lastProbe, probe } from "../../support/probe";
import { startRelayStack, type RelayStack } from "../../support/stack";
import { startTestTarget, type TestTarget } from "../../support/target";

const ENGINES: RelayEngineName[] = ["native", "hyco-https"];

describe.each(ENGINES)("end-to-end probe on the %s engine", (engine) => {
  let stack: RelayStack;
  let target: TestTarget;
  let id: string;

  beforeAll(async () => {
    stack = await startRelayStack({ hostEnv: { ECS_PLUGIN_AZURE_RELAY_ENGINE: engine } });
    target = await startTestTarget();
    id = await stack.addRegistration({ targetUrl: target.url });
    await stack.waitForState(id, "ONLINE");
  }, 30_000);
  afterAll(async () => {
    await stack?.stop();
    await target?.close();
  });

  test("with a Listen-only key and no probe string it fails plainly, and the listener stays ONLINE", async () => {
    const result = await probe(stack, id);
    expect(result.ok).toBe(false);
    expect(result.problem?.code).toBe("PROBE_NEEDS_SEND_KEY");
    expect(result.problem?.advice).toMatch(/Send connection string/);
    expect(result.hops.map((h) => h.name)).toEqual(["sender → relay", "relay → listener", "listener → sender"]);
    expect(result.hops[0].outcome).toMatch(/^refused: HTTP 40[13]$/);
    expect(result.roundTripMs).toBeNull();
    await stack.waitForState(id, "ONLINE", 1000); // the probe's own key problem says nothing about the path
  });

  test("with a Send connection string it goes through the relay to this host's listener and back, never to the target", async () => {
    const { body } = await stack.host.gql<{ updateRelayRegistration: { probe: { hasSendConnectionString: boolean; intervalSeconds: number } } }>(
      `mutation($id: ID!, $input: UpdateRelayRegistrationInput!) { updateRelayRegistration(id: $id, input: $input) { probe { hasSendConnectionString intervalSeconds } } }`,
      { id, input: { probe: { sendConnectionString: stack.sendConnectionString } } },
    );
    expect(body.data?.updateRelayRegistration.probe).toEqual({ hasSendConnectionString: true, intervalSeconds: 0 });
    expect(JSON.stringify(body)).not.toContain(stack.sendConnectionString.split("SharedAccessKey=")[1]);
    const seenBefore = target.requests.length;
    const result = await probe(stack, id);
    expect(result.problem).toBeNull();
    expect(result.ok).toBe(true);
    expect(result.answeredBy).toBe("test-host");
    expect(result.roundTripMs).toBeGreaterThan(0);
    expect(result.roundTripMs).toBeLessThan(10_000); // a sanity bound, not a speed goal
    expect(result.hops.map((h) => h.outcome)).toEqual(["connected", "delivered", "answered by test-host"]);
    expect(target.requests.length).toBe(seenBefore);
    expect(await lastProbe(stack, id)).toEqual(result);
  });

  test("a spoofed probe request from a sender without the nonce is forwarded to the target like any request", async () => {
    const spoofed = await stack.sendThroughRelay(`${PROBE_PATH}?x=1`);
    expect(spoofed.status).toBe(404); // the test target's answer for an unknown route
    expect(target.requests.at(-1)?.url).toBe(`${PROBE_PATH}?x=1`);
    const forged = await stack.sendThroughRelay(PROBE_PATH, { headers: { "x-azure-relay-probe-nonce": "guessed" } });
    expect(forged.status).toBe(404);
    expect(target.requests.at(-1)?.headers["x-azure-relay-probe-nonce"]).toBe("guessed");
  });
});
