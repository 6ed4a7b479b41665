/**
 * Supervisor.grantProbe: the grant reaches the worker as a `probe-nonce` command, and the probe may go only once the
 * worker confirmed it holds the grant — else false after the wait, or at once without a worker; a stop releases
 * every waiting grant.
 */
import type { ProbeGrant } from "../../../server/relay/protocol";
import { startHarness, stopHarness, type Harness } from "./harness";

const grant = (nonce: string): ProbeGrant => ({ registrationId: "r1", nonce, answer: "a", hostId: "h", ttlMs: 10_000 });
let h: Harness | undefined;
afterEach(() => stopHarness(h));

test("resolves true once the worker confirms, false when it stays silent", async () => {
  h = await startHarness();
  const confirmed = h.supervisor.grantProbe(grant("n1"));
  expect(h.port.commands.at(-1)).toEqual({ type: "probe-nonce", grant: grant("n1") });
  h.port.emit({ type: "probe-granted", nonce: "other" });
  h.port.emit({ type: "probe-granted", nonce: "n1" });
  await expect(confirmed).resolves.toBe(true);
  const silent = h.supervisor.grantProbe(grant("n2"), 500);
  await jest.advanceTimersByTimeAsync(500);
  await expect(silent).resolves.toBe(false);
});

test("false without a running worker; a stop releases a waiting grant", async () => {
  h = await startHarness();
  const waiting = h.supervisor.grantProbe(grant("n3"));
  await h.supervisor.stop();
  await expect(waiting).resolves.toBe(false);
  await expect(h.supervisor.grantProbe(grant("n4"))).resolves.toBe(false);
  expect(jest.getTimerCount()).toBe(0);
});
