/**
 * The probe takes the same outbound proxy as the relay connections (setting azure-relay.proxyUrl): on a server that
 * reaches the internet only through a proxy, a probe that went direct would fail although the path works.
 */
import { startConnectProxy, type ConnectProxy } from "../../support/connect-proxy";
import { probe } from "../../support/probe";
import { startRelayStack, type RelayStack } from "../../support/stack";

let proxy: ConnectProxy;
let stack: RelayStack;

beforeAll(async () => {
  proxy = await startConnectProxy();
  stack = await startRelayStack({ hostEnv: { ECS_PLUGIN_AZURE_RELAY_PROXYURL: proxy.url, ECS_PLUGIN_AZURE_RELAY_ENGINE: "native" } });
}, 30_000);
afterAll(async () => {
  await stack?.stop();
  await proxy?.close();
});

test("the probe goes through the configured CONNECT proxy and succeeds", async () => {
  const id = await stack.addRegistration({ probe: { sendConnectionString: stack.sendConnectionString } });
  await stack.waitForState(id, "ONLINE");
  const before = proxy.tunnels.length;
  const result = await probe(stack, id);
  expect(result).toMatchObject({ ok: true, answeredBy: "test-host", problem: null });
  expect(proxy.tunnels.slice(before)).toContain(stack.emulator.namespaceHost);
});
