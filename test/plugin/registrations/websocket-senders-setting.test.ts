/**
 * Per-registration WebSocket senders setting (issue 10 item 3), end to end on the native engine: two registrations
 * on one host, one refusing WebSocket senders (403 from the listener), the other following the installation (`pass`:
 * the sender reaches the sample service, which answers the upgrade with a page: 502 naming that). Changing the
 * setting swaps the listener, and DEFAULT returns to the installation's choice.
 */
import { eventually } from "../../support/eventually";
import { startRelayStack, type RelayStack } from "../../support/stack";
import { connectWebSocketSender, type WebSocketSenderOutcome } from "../../support/websocket-sender";

const REFUSED = { kind: "refused", status: 403 };
/** The sample service's answer to the upgrade: the sender was passed to the target. */
const PASSED = { kind: "refused", status: 502, reason: "The local service has no WebSocket endpoint here (it answered the upgrade with 200)" };

let stack: RelayStack;
let refusing: string;
let passing: string;

beforeAll(async () => {
  stack = await startRelayStack({ hostEnv: { ECS_PLUGIN_AZURE_RELAY_ENGINE: "native" } });
  stack.emulator.namespace.addHybridConnection({ name: "second" });
  refusing = await stack.addRegistration({ webSockets: "REFUSE" });
  passing = await stack.addRegistration({ connectionString: stack.rootConnectionString, hybridConnectionName: "second" });
  await stack.waitForState(refusing, "ONLINE");
  await stack.waitForState(passing, "ONLINE");
}, 30_000);

afterAll(async () => {
  await stack?.stop();
});

async function webSocketsOf(id: string): Promise<string> {
  const { body } = await stack.host.gql(`query($id: ID!) { relayRegistration(id: $id) { webSockets } }`, { id });
  return (body as { data: { relayRegistration: { webSockets: string } } }).data.relayRegistration.webSockets;
}

async function update(id: string, webSockets: string): Promise<void> {
  const { body } = await stack.host.gql(`mutation($id: ID!, $input: UpdateRelayRegistrationInput!) { updateRelayRegistration(id: $id, input: $input) { webSockets } }`, { id, input: { webSockets } });
  expect(body).toEqual({ data: { updateRelayRegistration: { webSockets } } });
}

/** Senders until one ends as `expected` (a changed setting swaps the listener; the old one may answer meanwhile). */
async function settlesTo(hc: string, expected: Record<string, unknown>): Promise<WebSocketSenderOutcome> {
  let last: WebSocketSenderOutcome | undefined;
  await eventually(async () => {
    last = await connectWebSocketSender(stack.emulator, hc);
    return Object.entries(expected).every(([k, v]) => (last as Record<string, unknown>)[k] === v);
  }, 15_000, 50);
  return last!;
}

it("on one host, the registration set to REFUSE answers 403 while the one following the installation passes senders to the target", async () => {
  expect(await webSocketsOf(refusing)).toBe("REFUSE");
  expect(await webSocketsOf(passing)).toBe("DEFAULT");
  expect(await connectWebSocketSender(stack.emulator, "ecs-core")).toMatchObject(REFUSED);
  expect(await connectWebSocketSender(stack.emulator, "second")).toEqual(PASSED);
  // HTTP is unaffected by the setting.
  expect((await stack.sendThroughRelay("/", { hybridConnection: "ecs-core" })).status).toBe(200);
});

it("a changed setting reaches the listener: REFUSE on the passing one, DEFAULT (the installation's pass) on the refusing one", async () => {
  await update(passing, "REFUSE");
  await update(refusing, "DEFAULT");
  expect(await settlesTo("second", REFUSED)).toMatchObject(REFUSED);
  expect(await settlesTo("ecs-core", PASSED)).toEqual(PASSED);
  await stack.waitForState(passing, "ONLINE");
  await stack.waitForState(refusing, "ONLINE");
  // Once swapped, the new setting holds for every sender.
  for (let i = 0; i < 3; i++) {
    expect(await connectWebSocketSender(stack.emulator, "second")).toMatchObject(REFUSED);
    expect(await connectWebSocketSender(stack.emulator, "ecs-core")).toEqual(PASSED);
  }
});

it("refuses an unknown value with a field error before storing anything", async () => {
  const { body } = await stack.host.gql(`mutation($id: ID!) { updateRelayRegistration(id: $id, input: { webSockets: MAYBE }) { id } }`, { id: passing });
  expect(JSON.stringify(body)).toMatch(/WebSocketSenders/);
  expect(await webSocketsOf(passing)).toBe("REFUSE");
});
