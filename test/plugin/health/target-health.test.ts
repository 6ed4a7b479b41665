/**
 * Target health end to end: the real host and plugin, the emulator, a real target that goes down and comes back.
 * Waits on conditions only (short check intervals keep the test quick).
 */
import { emulatorAdmin } from "../../support/emulator";
import { waitUntil } from "../../support/eventually";
import { startRelayStack, type RelayStack } from "../../support/stack";
import { startSwitchableTarget, type SwitchableTarget } from "../../support/switchable-target";

const FAST_CHECKS = { intervalMs: 150, timeoutMs: 100, failures: 2 };

let stack: RelayStack;
let target: SwitchableTarget;

beforeAll(async () => {
  stack = await startRelayStack();
  target = await startSwitchableTarget();
}, 30_000);

afterAll(async () => {
  await stack?.stop();
  await target?.close();
});

type LastError = { code: string; message: string; advice: string; params: Record<string, unknown> };

async function statusOf(id: string): Promise<{ state: string; lastError: LastError | null }> {
  const { body } = await stack.host.gql(`query($id: ID!) { relayRegistration(id: $id) { status { state lastError { code message advice params } } targetHealthCheck { state withdrawn } } }`, { id });
  return (body as { data: { relayRegistration: { status: { state: string; lastError: LastError | null } } } }).data.relayRegistration.status;
}

async function listenerCount(): Promise<number> {
  const { body } = await emulatorAdmin(stack.emulator, "GET", "listeners");
  return ((body as Record<string, string[]>)["ecs-core"] ?? []).length;
}

async function remove(id: string): Promise<void> {
  await stack.host.gql(`mutation($id: ID!) { removeRelayRegistration(id: $id) }`, { id });
  await waitUntil("the listener left the relay", async () => (await listenerCount()) === 0);
}

test("a stopped target makes the registration DEGRADED with plain advice; it is ONLINE again once the target answers", async () => {
  const id = await stack.addRegistration({ targetUrl: target.url, targetHealth: FAST_CHECKS });
  await stack.waitForState(id, "ONLINE");
  expect(target.seen.some((r) => r.method === "HEAD" && r.url === "/")).toBe(true);

  const downAt = Date.now();
  await target.down();
  await stack.waitForState(id, "DEGRADED");
  // The goal is interval × failures + 1 s (here 1.3 s); the bound is a sanity limit with a wide margin for shared machines.
  expect(Date.now() - downAt).toBeLessThan(FAST_CHECKS.intervalMs * FAST_CHECKS.failures + FAST_CHECKS.timeoutMs + 5_000);
  const degraded = await statusOf(id);
  expect(degraded.lastError?.code).toBe("TARGET_UNHEALTHY");
  expect(degraded.lastError?.message).toContain(`The relay listener is connected, but the local service at ${target.url} does not answer`);
  expect(degraded.lastError?.message).toMatch(/HEAD \/ failed: ECONNREFUSED; failed checks in a row: \d+/);
  // The values of the message as params (RelayError.params), so a client translates without reading the English.
  expect(degraded.lastError?.params).toEqual({
    target: target.url,
    detail: "HEAD / failed: ECONNREFUSED",
    failures: expect.any(Number),
    checkOutcome: "FAILED",
    check: "HEAD /",
    reason: "ECONNREFUSED",
  });
  expect(degraded.lastError?.advice).toContain("Start the service or fix the target URL");
  expect(await listenerCount()).toBe(1); // not withdrawn: still listening

  await target.up();
  await stack.waitForState(id, "ONLINE");
  expect((await statusOf(id)).lastError).toBeNull();
  await remove(id);
}, 30_000);

test("withdrawOnFailure takes the listener off the relay while the target is down and brings it back", async () => {
  const id = await stack.addRegistration({ targetUrl: target.url, targetHealth: { ...FAST_CHECKS, withdrawOnFailure: true } });
  await stack.waitForState(id, "ONLINE");
  expect(await listenerCount()).toBe(1);

  await target.down();
  await stack.waitForState(id, "DEGRADED");
  await waitUntil("the emulator's listener count dropped to 0", async () => (await listenerCount()) === 0);
  const withdrawn = await statusOf(id);
  expect(withdrawn.state).toBe("DEGRADED");
  expect(withdrawn.lastError?.message).toContain("the relay listener is withdrawn");
  const seenWhileDown = target.seen.length;

  await target.up();
  await waitUntil("the health check saw the target again", () => target.seen.length > seenWhileDown);
  await stack.waitForState(id, "ONLINE");
  await waitUntil("the listener is back on the relay", async () => (await listenerCount()) === 1);
  const answered = await stack.sendThroughRelay("/hello");
  expect(answered.status).toBe(200);
  await remove(id);
}, 30_000);

test("a health check is off when asked: a dead target leaves the registration ONLINE", async () => {
  await target.down();
  const id = await stack.addRegistration({ targetUrl: target.url, targetHealth: { enabled: false } });
  await stack.waitForState(id, "ONLINE");
  const { body } = await stack.host.gql(`query($id: ID!) { relayRegistration(id: $id) { targetHealth { enabled method path intervalMs } targetHealthCheck { state } } }`, { id });
  expect((body as { data: unknown }).data).toEqual({ relayRegistration: { targetHealth: { enabled: false, method: "HEAD", path: "/", intervalMs: 10000 }, targetHealthCheck: null } });
  await target.up();
  await remove(id);
}, 30_000);

test("bad health settings are refused with the field and what is right", async () => {
  const { body } = await stack.host.gql(`mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { id } }`, {
    input: { connectionString: stack.listenConnectionString, hybridConnectionName: "ecs-core", targetUrl: target.url, targetHealth: { intervalMs: 1000, timeoutMs: 5000 } },
  });
  const error = (body as { errors: Array<{ message: string; extensions: { code: string; field?: string } }> }).errors[0];
  expect(error.extensions.code).toBe("BAD_USER_INPUT");
  expect(error.extensions.field).toBe("targetHealth.timeoutMs");
  expect(error.message).toContain("must not exceed intervalMs");
});
