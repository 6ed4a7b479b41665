/**
 * The HostServices one plugin receives at activation: only the services its manifest's `host.services` declares
 * (a plugin asks for what it uses, and gets only that), each scoped where the contract says so — store namespace,
 * logger child, config keys, lifecycle hooks and GraphQL schema tagged with the plugin id, owned system operations.
 */
import { HOST_CONTRACT_VERSION, HostError, type HostConfig, type HostListenAddress, type HostServices, type SystemOperationRegistry } from "../contract";
import type { ReferenceHostConfig } from "./config";
import type { HostWideServices } from "./host-wide-services";
import type { PluginManifest } from "./manifest-types";

/** A service a manifest may declare in `host.services` (schema/plugin.schema.json lists the same names). */
export type HostServiceName = Exclude<keyof HostServices, "contractVersion">;

/** How each service is cut for one plugin; only the declared ones are called. */
const SCOPED: { readonly [K in HostServiceName]: (shared: HostWideServices, manifest: PluginManifest) => HostServices[K] } = {
  logger: (shared, manifest) => shared.logger.child({ plugin: manifest.id }),
  store: (shared, manifest) => shared.stores.namespace(manifest.id),
  consumerCaches: (shared) => shared.consumerCaches,
  events: (shared) => shared.events,
  secrets: (shared) => shared.secrets,
  auth: (shared) => shared.auth,
  systemOperations: (shared, manifest) => ownedOperations(shared.systemOperations, manifest),
  graphql: (shared, manifest) => shared.schemas.forPlugin(manifest.id),
  config: (shared, manifest) => pluginConfig(shared.config, manifest.id, shared.listenAddresses),
  lifecycle: (shared, manifest) => shared.lifecycle.forPlugin(manifest.id),
  farm: (shared, manifest) => shared.farm.forPlugin(manifest.id),
  health: (shared, manifest) => shared.readiness.forPlugin(manifest.id),
  metrics: (shared, manifest) => shared.metrics.forPlugin(manifest.id),
  log: (shared) => ({ recent: (limit: number) => shared.recentLog.recent(limit) }),
};

/** Every service name a manifest may declare. */
export const HOST_SERVICE_NAMES = Object.keys(SCOPED) as HostServiceName[];

/** The HostServices given to the plugin described by `manifest`: `contractVersion` and the declared services only. */
export function servicesForPlugin(shared: HostWideServices, manifest: PluginManifest): HostServices {
  const declared = new Set(manifest.host.services);
  const services: Record<string, unknown> = { contractVersion: HOST_CONTRACT_VERSION };
  for (const name of HOST_SERVICE_NAMES) {
    if (declared.has(name)) services[name] = SCOPED[name](shared, manifest);
  }
  // The contract types every service as present; an undeclared one is absent (undefined), by design.
  return Object.freeze(services) as unknown as HostServices;
}

/** The registry, refusing operations this plugin's manifest does not declare. */
function ownedOperations(registry: SystemOperationRegistry, manifest: PluginManifest): SystemOperationRegistry {
  const own = new Set((manifest.contributes?.systemOperations ?? []).map((op) => op.id));
  return {
    register(operation) {
      if (!own.has(operation.id)) {
        throw new HostError("BAD_USER_INPUT", `system operation "${operation.id}" is not declared in ${manifest.id}'s plugin.json contributes.systemOperations`, "id");
      }
      return registry.register(operation);
    },
    list: () => registry.list(),
    run: (id, caller) => registry.run(id, caller),
  };
}

/**
 * Plugin settings come from the environment as `ECS_PLUGIN_<ID>_<KEY>`, upper-cased with
 * non-alphanumerics as `_` (e.g. `azure-relay` + `worker.restartDelayMs` → `ECS_PLUGIN_AZURE_RELAY_WORKER_RESTARTDELAYMS`).
 */
export function pluginConfig(config: ReferenceHostConfig, pluginId: string, listenAddresses: readonly HostListenAddress[] = []): HostConfig {
  const envName = (key: string): string => `ECS_PLUGIN_${pluginId}_${key}`.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  return Object.freeze({
    hostId: config.hostId,
    defaultTargetUrl: config.defaultTargetUrl,
    get listenAddresses() {
      return Object.freeze(listenAddresses.map((a) => Object.freeze({ ...a })));
    },
    get: (key: string) => config.env[envName(key)],
  });
}
