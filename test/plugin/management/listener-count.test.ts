/**
 * Azure's listenerCount through the plugin follows real hyco-https listeners (0 → 1 → 2 as two hosts connect);
 * a second host this one does not know about is a foreign listener; the hide-listeners fault makes our ONLINE
 * listener look half-open. Grace 0 here: the timing is relay-view.test.ts's job.
 */
import { startTestHost, type TestHost } from "../../support/host";
import { waitForState } from "../../support/stack";
import { eventually, startArmStack, type ArmStack } from "./arm-stack";

let stack: ArmStack;
let second: TestHost | undefined;
beforeAll(async () => {
  stack = await startArmStack();
  expect((await stack.configureAccess()).errors).toBeUndefined();
});
afterAll(async () => {
  await second?.stop();
  await stack?.stop();
});

const countIs = (n: number) => async () => (await stack.relay("ecs-core"))?.listenerCount === n;

test("listenerCount goes 0 → 1 → 2 as two hosts listen, and the second host is a foreign listener to the first", async () => {
  expect(await stack.relay("ecs-core")).toMatchObject({ listenerCount: 0, ourListenersOnline: 0, foreignListenersSuspected: false });

  const id = await stack.addRegistration();
  await stack.waitForState(id, "ONLINE");
  await eventually(countIs(1));
  expect(await stack.relay("ecs-core")).toMatchObject({ listenerCount: 1, ourListenersOnline: 1, foreignListenersSuspected: false, foreignListenersAdvice: null });

  // Another ECS Core host (its own store) listening with the same Listen key: a real hyco-https listener in its worker.
  second = await startTestHost({ env: { ECS_DEFAULT_TARGET_URL: stack.sample.url, ECS_HOST_ID: "other-host" } });
  const { body } = await second.gql(`mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { id } }`, {
    input: { connectionString: stack.listenConnectionString, hybridConnectionName: "ecs-core" },
  });
  const secondId = (body as any).data.addRelayRegistration.id as string;
  await waitForState(second, secondId, "ONLINE");
  await eventually(countIs(2));

  const seen = await stack.relay("ecs-core");
  expect(seen).toMatchObject({ listenerCount: 2, ourListenersOnline: 1, foreignListenersSuspected: true });
  expect(seen.foreignListenersAdvice).toMatch(/Azure counts 2 listeners but ECS Core runs 1/);
  expect(seen.foreignListenersAdvice).toMatch(/Listen-only rule/);

  await second.stop();
  second = undefined;
  await eventually(countIs(1));
  expect((await stack.relay("ecs-core")).foreignListenersSuspected).toBe(false);
});

test("half-open: our listener ONLINE while Azure counts none", async () => {
  const [registration] = (await stack.relay("ecs-core")).registrations;
  await stack.waitForState(registration.id, "ONLINE");
  expect((await stack.relay("ecs-core")).halfOpenSuspected).toBe(false);

  await stack.hideListeners("ecs-core");
  const relay = await stack.relay("ecs-core");
  expect(relay).toMatchObject({ listenerCount: 0, ourListenersOnline: 1, halfOpenSuspected: true });
  expect(relay.halfOpenAdvice).toMatch(/half-open/);
  const viaRegistration = await stack.gql(`query($id: ID!) { relayRegistration(id: $id) { status { state } relay { halfOpenSuspected } } }`, { id: registration.id });
  expect(viaRegistration.data?.relayRegistration).toEqual({ status: { state: "ONLINE" }, relay: { halfOpenSuspected: true } });

  // A restart opens a new channel, which Azure counts again.
  await stack.gql(`mutation($id: ID!) { restartRelayListener(id: $id) { id } }`, { id: registration.id });
  await eventually(async () => {
    const r = await stack.relay("ecs-core");
    return r.listenerCount === 1 && r.ourListenersOnline === 1;
  });
  expect((await stack.relay("ecs-core")).halfOpenSuspected).toBe(false);
});
