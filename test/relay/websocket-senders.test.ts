/**
 * WebSocket senders against a hyco-https listener (issue 15 item 1): the listener refuses each one with a clear
 * status before hyco-https sees it (its own accept path throws), and keeps serving HTTP as before. On the native
 * engine (RELAY_TEST_ENGINE=native) senders are passed through to the target, which here has no WebSocket endpoint:
 * the sender is refused with the target's own answer (404 Not Found).
 */
import type { RelayEmulator } from "../support/emulator";
import type { TestTarget } from "../support/target";
import { connectWebSocketSender } from "../support/websocket-sender";
import { ENGINE, useRelayRig, type RecordingDataPlane, emulatorSpec, sendThroughRelay } from "./harness";

const REFUSAL =
  ENGINE === "native"
    ? { kind: "refused", status: 404, reason: "Not Found" }
    : { kind: "refused", status: 501, reason: "WebSocket senders are not supported by this listener engine" };

let emu: RelayEmulator;
let target: TestTarget;
let dp: RecordingDataPlane;

useRelayRig((rig) => ({ emu, target, dp } = rig));

it("refuses a WebSocket sender with 501 and a reason, then serves the next HTTP request; no fault, no drop", async () => {
  const spec = emulatorSpec(emu, target.url);
  await dp.online(spec);
  const outcome = await connectWebSocketSender(emu);
  expect(outcome).toEqual(REFUSAL);
  const res = await sendThroughRelay(emu, "/ecs-core/status/200");
  expect(res.status).toBe(200);
  expect(dp.of(spec.listenerId).filter((e) => e.type === "fault" || e.type === "down")).toEqual([]);
  await dp.stopListener(spec.listenerId);
});

it("many WebSocket senders in a row (some at once) do not degrade the listener", async () => {
  const spec = emulatorSpec(emu, target.url);
  await dp.online(spec);
  for (let round = 0; round < 5; round++) {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => connectWebSocketSender(emu)));
    for (const o of outcomes) expect(o).toMatchObject({ kind: "refused", status: REFUSAL.status });
    const res = await sendThroughRelay(emu, "/ecs-core/echo", { method: "POST", body: Buffer.from(`round ${round}`) });
    expect(res.status).toBe(200);
  }
  expect(dp.of(spec.listenerId).filter((e) => e.type === "fault" || e.type === "down")).toEqual([]);
  await dp.stopListener(spec.listenerId);
});
