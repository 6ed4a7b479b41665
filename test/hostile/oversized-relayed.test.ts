/**
 * Hostile suite, oversized relayed uploads (issue 15 items 5 and 8), against the whole product with its defaults:
 * `maxBodyBytes` 100 MiB. A 150 MiB upload used to get 502 "listener went away" (hyco-https's ws client refuses a
 * message over 100 MiB by destroying the rendezvous) and left its buffers behind. Now: 413 whether the body is
 * declared or chunked, the listener stays ONLINE and serves, and memory comes back after refused and abandoned uploads
 * (bounded RSS over repeats) — on both engines (issue 15 item 5: "413 whatever the engine"). The sample service
 * answers `/upload` 404 at once and hangs up on the body: the native engine, which streams the body to the target,
 * holds that early answer and keeps counting the rest, so the sender still gets the 413 (forwarder.ts).
 */
import v8 from "node:v8";
import vm from "node:vm";
import { useStackWithOnlineRegistration } from "../support/stack";
import { uploadThroughRelay } from "../support/upload";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const MiB = 1024 * 1024;

/** Process RSS (the data-plane worker is a thread of this process) after a collection here and a short settle. */
async function settledRss(): Promise<number> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  return process.memoryUsage().rss;
}

describe.each(["native", "hyco-https"] as const)("engine %s", (engine) => {
  const rig = useStackWithOnlineRegistration({ hostEnv: { ECS_PLUGIN_AZURE_RELAY_ENGINE: engine } });

  it.each(["declared", "chunked"] as const)("a 150 MiB %s upload gets 413 (not 502), and the listener stays ONLINE and serves", async (framing) => {
    const outcome = await uploadThroughRelay(rig.stack.emulator, "/ecs-core/upload", 150 * MiB, framing);
    expect(outcome).toMatchObject({ status: 413, body: expect.stringMatching(/Payload Too Large/) });
    await rig.stack.waitForState(rig.registrationId, "ONLINE");
    const res = await rig.stack.sendThroughRelay("/");
    expect(res.status).toBeLessThan(500);
  }, 60_000);

  it("memory comes back: repeated refused and aborted uploads do not add up", async () => {
    await uploadThroughRelay(rig.stack.emulator, "/ecs-core/upload", 150 * MiB, "chunked"); // warm-up: pools, JIT
    const baseline = await settledRss();
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) {
      statuses.push((await uploadThroughRelay(rig.stack.emulator, "/ecs-core/upload", 150 * MiB, i % 2 ? "chunked" : "declared")).status);
      // A sender that gives up half-way: the relay closes the rendezvous, the partial body must not stay behind.
      const aborted = await uploadThroughRelay(rig.stack.emulator, "/ecs-core/upload", 150 * MiB, "chunked", { abortAfterBytes: 60 * MiB });
      expect(aborted.error).toBe("aborted by the sender");
    }
    const after = await settledRss();
    // 420 MiB were refused or dropped; what may stay is about one upload's worth of buffers not yet collected.
    expect(after - baseline).toBeLessThan(160 * MiB);
    expect(statuses).toEqual([413, 413]);
    expect((await rig.stack.sendThroughRelay("/")).status).toBe(200);
  }, 120_000);

  it("the refused uploads are counted as tooLarge in the registration's traffic, the abandoned ones as aborted, and nothing else failed", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1200)); // the worker reports traffic at most once a second
    const { body } = await rig.stack.host.gql<{ relayRegistration: { traffic: { failedRequests: Record<string, number> } } }>(
      `query($id: ID!) { relayRegistration(id: $id) { traffic { failedRequests { tooLarge aborted targetUnreachable total } } } }`,
      { id: rig.registrationId },
    );
    expect(body.data!.relayRegistration.traffic.failedRequests).toEqual({ tooLarge: 5, aborted: 2, targetUnreachable: 0, total: 7 });
  });

  it("an upload the target has begun to read gets 413 at the limit (target request cancelled: test/relay/failures), and the listener serves on", async () => {
    // The sample service's /echo reads (and hashes) the whole body before it answers.
    const outcome = await uploadThroughRelay(rig.stack.emulator, "/ecs-core/echo", 150 * MiB, "chunked");
    expect(outcome).toMatchObject({ status: 413, body: expect.stringMatching(/Payload Too Large/) });
    expect((await rig.stack.sendThroughRelay("/echo")).status).toBe(200);
  }, 60_000);
});
