/**
 * Relayed uploads over `maxBodyBytes` (issue 15 item 5): the sender gets 413 whether the body is declared
 * (Content-Length, which the relay strips) or chunked, the target is never asked, the rendezvous is cut so the rest
 * is not read, and the listener goes on serving. On the native engine the upload streams, so the target is asked
 * once the first 64 KiB arrived and its request is cut at the limit (docs/native-engine.md).
 */
import type { RelayEmulator } from "../support/emulator";
import type { TestTarget } from "../support/target";
import { uploadThroughRelay } from "../support/upload";
import { ENGINE, useRelayRig, type RecordingDataPlane, emulatorSpec, sendThroughRelay, sha256 } from "./harness";
import { randomBytes } from "node:crypto";
import type { TrafficSnapshot } from "../../server/relay/protocol";

let emu: RelayEmulator;
let target: TestTarget;
let dp: RecordingDataPlane;

useRelayRig((rig) => ({ emu, target, dp } = rig));

const LIMIT = 1024 * 1024;

beforeAll(() => dp.plane.send({ type: "configure", options: { maxBodyBytes: LIMIT } }));
afterAll(() => dp.plane.send({ type: "configure", options: { maxBodyBytes: 100 * 1024 * 1024 } }));

const TARGET_ASKED = ENGINE === "native" ? "the target's request is cut" : "the target is not asked";

it.each(["declared", "chunked"] as const)(`a %s upload over the limit gets 413 before it is all sent; ${TARGET_ASKED}`, async (framing) => {
  const spec = emulatorSpec(emu, target.url);
  await dp.online(spec);
  const before = target.requests.length;
  const outcome = await uploadThroughRelay(emu, "/ecs-core/hash", 64 * LIMIT, framing);
  expect(outcome).toMatchObject({ status: 413, body: expect.stringMatching(/limited to 1048576 bytes/) });
  expect(outcome.sent).toBeLessThan(64 * LIMIT); // refused while arriving, not after all of it was read
  if (ENGINE === "native") expect(target.requests.length - before).toBeLessThanOrEqual(1);
  else expect(target.requests.length).toBe(before);
  // The listener serves on: a body just under the limit passes whole.
  const body = randomBytes(LIMIT - 1000);
  const ok = await sendThroughRelay(emu, "/ecs-core/hash", { method: "POST", body });
  expect(ok.status).toBe(200);
  expect(JSON.parse(ok.body.toString("utf8"))).toEqual({ bytes: body.length, sha256: sha256(body) });
  await dp.stopListener(spec.listenerId);
  const traffic = dp.of(spec.listenerId).filter((e): e is { type: "traffic"; listenerId: string; traffic: TrafficSnapshot } => e.type === "traffic").pop();
  expect(traffic?.traffic.failed.tooLarge).toBe(1);
  expect(dp.of(spec.listenerId).filter((e) => e.type === "fault")).toEqual([]);
});
