/**
 * The management client's outbound proxy (issue 10 item 7): the same choice as the native engine's relay connections
 * (server/relay/native/outbound-proxy.ts `proxyFor`): the plugin settings `proxyUrl` / `proxyBypass` override
 * HTTPS_PROXY / NO_PROXY. The SDK pipeline would read the environment on its own, with its own NO_PROXY rules; so
 * its proxy policy is given our decision per request (or removed: direct), and the settings win.
 * Proxy credentials go only into the tunnel's Proxy-Authorization (by the SDK's https-proxy-agent); never logged.
 */
import type { RelayAPI } from "@azure/arm-relay";
import { proxyFor } from "../../relay/native/outbound-proxy";

/** The plugin's proxy settings (data-plane-config.ts proxySettingsFrom); absent: the environment decides. */
export interface ManagementProxySettings {
  url?: string;
  noProxy?: string;
}

type Pipeline = RelayAPI["pipeline"];
type Policy = Parameters<Pipeline["addPolicy"]>[0];

/** Name of the SDK's own proxy policy (@typespec/ts-http-runtime proxyPolicy.ts). */
const SDK_PROXY_POLICY = "proxyPolicy";

/**
 * Routes `pipeline`'s requests to `endpoint` through the proxy chosen for it, or directly. `caCertificate` (the
 * emulator's) still applies through the tunnel: the SDK drops its tlsOptions when proxying, so it rides on the request.
 */
export function applyManagementProxy(pipeline: Pipeline, endpoint: string, settings: ManagementProxySettings | undefined, caCertificate?: string): void {
  const proxy = proxyFor(endpoint, process.env, settings ?? {});
  if (!proxy) {
    pipeline.removePolicy({ name: SDK_PROXY_POLICY });
    return;
  }
  const proxySettings = { host: `http://${proxy.hostname}`, port: Number(proxy.port || 80), username: proxy.username, password: proxy.password };
  const policy: Policy = {
    name: "ecsRelayManagementProxy",
    sendRequest(request, next) {
      request.proxySettings = proxySettings;
      if (caCertificate) request.requestOverrides = { ...request.requestOverrides, ca: caCertificate };
      return next(request);
    },
  };
  pipeline.addPolicy(policy, { beforePolicies: [SDK_PROXY_POLICY] });
}
