/**
 * The management client through an HTTP CONNECT proxy (issue 10 item 7): the real @azure/arm-relay client against
 * the emulator's ARM surface, reachable through a local proxy. The plugin's proxy settings override HTTPS_PROXY /
 * NO_PROXY; a proxy that wants credentials (407) gives a management error that says so, without the password.
 */
import { startArmEndpoint, type ArmEndpoint } from "../../../server/emulator/arm/arm-endpoint";
import { isRelayPluginError } from "../../../server/plugin/errors";
import { RelayManagementClient } from "../../../server/plugin/management/relay-management-client";
import type { ManagementProxySettings } from "../../../server/plugin/management/management-proxy";
import { StaticTokenCredential } from "../../../server/plugin/management/static-token-credential";
import { startConnectProxy, type ConnectProxy } from "../../support/connect-proxy";
import { startTestEmulator, type RelayEmulator } from "../../support/emulator";
import { TEST_TOKEN, startArmStack } from "./arm-stack";

let emu: RelayEmulator;
let arm: ArmEndpoint;
const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };

beforeAll(async () => {
  emu = await startTestEmulator();
  arm = await startArmEndpoint({ namespace: emu.namespace, subscriptionId: "sub-test", resourceGroup: "rg-test", namespaceHost: () => emu.namespaceHost });
});
afterAll(async () => {
  await arm.stop();
  await emu.stop();
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) v === undefined ? delete process.env[k] : (process.env[k] = v);
});

function client(proxy?: ManagementProxySettings): RelayManagementClient {
  const target = { subscriptionId: arm.subscriptionId, resourceGroup: arm.resourceGroup, namespaceName: arm.namespaceName, endpoint: arm.url, caCertificate: arm.caCert };
  return new RelayManagementClient(new StaticTokenCredential(TEST_TOKEN), { ...target, ...(proxy ? { proxy } : {}) });
}

const armAuthority = (): string => new URL(arm.url).host;

async function withProxy<T>(credentials: string | undefined, run: (proxy: ConnectProxy) => Promise<T>): Promise<T> {
  const proxy = await startConnectProxy(credentials);
  try {
    return await run(proxy);
  } finally {
    await proxy.close();
  }
}

it("goes through the proxy of the plugin setting: the proxy saw a CONNECT to the ARM host, and the answer is ARM's", async () => {
  await withProxy(undefined, async (proxy) => {
    const names = (await client({ url: proxy.url }).listHybridConnections()).map((hc) => hc.name);
    expect(names).toContain("ecs-core");
    expect(proxy.tunnels).toContain(armAuthority());
  });
});

it("honours HTTPS_PROXY without a setting, and the setting's bypass (or its own URL) overrides the environment", async () => {
  await withProxy(undefined, async (envProxy) => {
    await withProxy(undefined, async (settingProxy) => {
      process.env.HTTPS_PROXY = envProxy.url;
      delete process.env.NO_PROXY;
      await client().listHybridConnections();
      expect(envProxy.tunnels).toEqual([armAuthority()]);
      await client({ noProxy: "127.0.0.1" }).listHybridConnections();
      expect(envProxy.tunnels).toHaveLength(1); // direct: the bypass setting wins over HTTPS_PROXY
      process.env.NO_PROXY = "127.0.0.1";
      await client({ url: settingProxy.url, noProxy: "" }).listHybridConnections();
      expect(settingProxy.tunnels).toEqual([armAuthority()]); // the setting's proxy and empty bypass win over NO_PROXY
      expect(envProxy.tunnels).toHaveLength(1);
    });
  });
});

it("a proxy that wants credentials (407) gives a management error naming the proxy and the setting, never the password", async () => {
  await withProxy("relay-user:s3cret-pass", async (proxy) => {
    const port = new URL(proxy.url).port;
    const failure = await client({ url: `http://relay-user:wrong-pass@127.0.0.1:${port}` }).listHybridConnections().catch((e: unknown) => e);
    expect(isRelayPluginError(failure)).toBe(true);
    const error = failure as Error & { code: string; params?: Record<string, unknown> };
    expect(error.code).toBe("RELAY_REFUSED");
    expect(error.params).toMatchObject({ status: 407, reason: "PROXY_AUTH_REQUIRED" });
    expect(error.message).toMatch(/^Could not list the hybrid connections\. The outbound proxy answered 407 Proxy Authentication Required — it asks for credentials \(PROXY_AUTH_REQUIRED\): .*azure-relay\.proxyUrl/);
    expect(error.message).not.toMatch(/wrong-pass|s3cret-pass/);
    expect(proxy.tunnels).toEqual([]);
    // With the right credentials the same call succeeds through the tunnel.
    const names = (await client({ url: `http://relay-user:s3cret-pass@127.0.0.1:${port}` }).listHybridConnections()).map((hc) => hc.name);
    expect(names).toContain("ecs-core");
    expect(proxy.tunnels).toEqual([armAuthority()]);
  });
});

it("the host's setting azure-relay.proxyUrl reaches the management client: the tab's relay list is fetched through the proxy", async () => {
  await withProxy(undefined, async (proxy) => {
    const stack = await startArmStack({ hostEnv: { ECS_PLUGIN_AZURE_RELAY_PROXYURL: proxy.url } });
    try {
      expect((await stack.configureAccess()).errors).toBeUndefined();
      const relay = await stack.relay("ecs-core");
      expect(relay).toMatchObject({ existsInAzure: true, managementError: null });
      expect(proxy.tunnels).toContain(new URL(stack.arm.url).host);
    } finally {
      await stack.stop();
    }
  });
}, 30_000);
