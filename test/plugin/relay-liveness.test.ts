/**
 * Liveness through the whole product on the native engine (issue 10 item 4): a control channel the relay stops
 * answering without closing it (emulator fault `black-hole`) is noticed by the keep-alive, the registration goes
 * RECONNECTING with a plain reason, and the supervisor brings it back ONLINE on a fresh connection. Status changes
 * are read from the host's event bus (the status-watcher fixture plugin), so a fast round trip is not missed.
 */
import { join } from "node:path";
import type { RelayStatusChangedV1 } from "../../server/plugin";
import { emulatorAdmin } from "../support/emulator";
import { REPO_ROOT } from "../support/host";
import { useStackWithOnlineRegistration } from "../support/stack";

const KEEP_ALIVE_MS = 500;
const rig = useStackWithOnlineRegistration({
  pluginDirs: [REPO_ROOT, join(__dirname, "fixtures/status-watcher")],
  hostEnv: { ECS_PLUGIN_AZURE_RELAY_ENGINE: "native", ECS_PLUGIN_AZURE_RELAY_KEEPALIVEMS: String(KEEP_ALIVE_MS) },
});

async function statusEvents(): Promise<RelayStatusChangedV1[]> {
  return (await rig.stack.host.services.forPlugin("status-watcher").store.get<RelayStatusChangedV1[]>("seen")) ?? [];
}

async function eventuallyEvents(test: (events: RelayStatusChangedV1[]) => boolean, timeoutMs: number): Promise<RelayStatusChangedV1[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = await statusEvents();
    if (test(events) || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it("a black-holed control channel is reported RECONNECTING with a plain reason, then the listener is ONLINE again", async () => {
  const { stack, registrationId } = rig;
  // The watcher stores events as they come: wait for the first ONLINE to be stored, then count from there.
  await eventuallyEvents((all) => all.some((e) => e.registrationId === registrationId && e.state === "ONLINE"), 5_000);
  const before = (await statusEvents()).length;
  const started = Date.now();
  expect((await emulatorAdmin(stack.emulator, "POST", "faults/black-hole", { hybridConnection: "ecs-core" })).body).toEqual({ blackHoled: 1 });
  const mine = (events: RelayStatusChangedV1[]) => events.slice(before).filter((e) => e.registrationId === registrationId);
  const events = mine(await eventuallyEvents((all) => mine(all).some((e) => e.state === "ONLINE"), 15_000));
  expect(events[0]).toMatchObject({ state: "RECONNECTING", previousState: "ONLINE", lastError: { code: "RELAY_CONNECTION_LOST", message: expect.stringMatching(/lost/) } });
  expect(events.at(-1)).toMatchObject({ state: "ONLINE" });
  // Sanity bound only (shared machine): the goal is ONLINE again within 3 × keepAliveMs (plus the backoff).
  expect(Date.parse(events.at(-1)!.since) - started).toBeLessThan(3 * KEEP_ALIVE_MS + 5_000);
  // The emulator still counts the silent channel as a listener until the fault is cleared (then it sees our close).
  await emulatorAdmin(stack.emulator, "POST", "faults/clear", {});
  expect((await stack.sendThroughRelay("/")).status).toBe(200);
}, 40_000);
