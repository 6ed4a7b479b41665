/**
 * Builds the HostServices object each plugin receives: host-wide services, scoped where the
 * contract says so (store namespace, logger child, config keys, owned system operations).
 */
import { HOST_CONTRACT_VERSION, HostError, type Auth, type ConsumerCaches, type EventBus, type HostConfig, type HostListenAddress, type HostServices, type Logger, type SecretSealer, type SystemOperationRegistry } from "../contract";
import type { ReferenceHostConfig } from "./config";
import type { SchemaRegistry } from "./graphql-schema-registry";
import type { HostLifecycle } from "./lifecycle";
import type { PluginManifest } from "./manifest-types";
import type { StoreFactory } from "./store";
import type { MetricsHub } from "./metrics";
import type { ReadinessRegistry } from "./readiness";

/** The host-wide services from which each plugin's scoped view is cut. */
export interface SharedServices {
  config: ReferenceHostConfig;
  /** Where the host's HTTP server listens; filled in once it does (before plugins activate). */
  listenAddresses: HostListenAddress[];
  logger: Logger;
  stores: StoreFactory;
  consumerCaches: ConsumerCaches;
  events: EventBus;
  secrets: SecretSealer;
  auth: Auth;
  systemOperations: SystemOperationRegistry;
  schemas: SchemaRegistry;
  lifecycle: HostLifecycle;
  /** Readiness checks behind /ready (contract 2.1). */
  readiness: ReadinessRegistry;
  /** Collectors behind /metrics (contract 2.1). */
  metrics: MetricsHub;
}

/** The HostServices given to the plugin described by `manifest`. */
export function servicesForPlugin(shared: SharedServices, manifest: PluginManifest): HostServices {
  return Object.freeze({
    contractVersion: HOST_CONTRACT_VERSION,
    logger: shared.logger.child({ plugin: manifest.id }),
    store: shared.stores.namespace(manifest.id),
    consumerCaches: shared.consumerCaches,
    events: shared.events,
    secrets: shared.secrets,
    auth: shared.auth,
    systemOperations: ownedOperations(shared.systemOperations, manifest),
    graphql: shared.schemas.forPlugin(manifest.id),
    config: pluginConfig(shared.config, manifest.id, shared.listenAddresses),
    lifecycle: shared.lifecycle.forPlugin(manifest.id),
    health: shared.readiness.forPlugin(manifest.id),
    metrics: shared.metrics.forPlugin(manifest.id),
  });
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
