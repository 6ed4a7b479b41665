/**
 * Assembles the reference host's host-wide services (one instance of each per host) and the view of
 * them exposed to tests and tools. Plugins get scoped views of these (host-services.ts).
 */
import { HOST_CONTRACT_VERSION, type Caller, type HostServices, type Logger } from "../contract";
import { ANONYMOUS, createAuth, type ReferenceAuth, type Role } from "./auth";
import type { ReferenceHostConfig } from "./config";
import { createConsumerCaches, type ReferenceConsumerCaches } from "./consumer-caches";
import type { HostCredentials } from "./credentials";
import { createEventBus } from "./event-bus";
import { createBaseSchema } from "./graphql-base-schema";
import { createSchemaRegistry } from "./graphql-schema-registry";
import { servicesForPlugin, type SharedServices } from "./host-services";
import { createLifecycle, type HostLifecycle } from "./lifecycle";
import type { LoadedManifest } from "./manifest-types";
import { createSecretSealer } from "./secret-sealer";
import { createSessionStore, type SessionStore } from "./sessions";
import { createStoreFactory } from "./store";
import { createSystemOperationRegistry } from "./system-operations";
import { MetricsHub } from "./metrics";
import { ReadinessRegistry } from "./readiness";

/** Host-wide services, exposed for tests and tools (never handed to plugins as such). */
export interface ReferenceHostServices extends SharedServices {
  auth: ReferenceAuth;
  consumerCaches: ReferenceConsumerCaches;
  /** A fresh HostServices scoped to the loaded plugin `pluginId`. */
  forPlugin(pluginId: string): HostServices;
  /** A caller holding `role` (as a bearer token would give). */
  callerFor(role: Role | "anonymous"): Caller;
  plugins: LoadedManifest[];
}

/** The host-wide services with the reference host's richer types. */
export type HostWideServices = SharedServices & { auth: ReferenceAuth; consumerCaches: ReferenceConsumerCaches; sessions: SessionStore; lifecycle: HostLifecycle };

/** One of each service for a host serving `plugins`; `heartbeatMs` is the heartbeat subscription period (default 5000). */
export function createHostWideServices(config: ReferenceHostConfig, credentials: HostCredentials, plugins: LoadedManifest[], logger: Logger, heartbeatMs?: number): HostWideServices {
  const manifests = plugins.map((p) => p.manifest);
  const sessions = createSessionStore();
  const auth = createAuth(credentials, sessions, manifests);
  const systemOperations = createSystemOperationRegistry(manifests.flatMap((m) => m.contributes?.systemOperations ?? []), auth);
  const lifecycle = createLifecycle(logger);
  const hostInfo = () => ({ hostId: config.hostId, contractVersion: HOST_CONTRACT_VERSION, plugins: manifests.map(({ id, name, version }) => ({ id, name, version })) });
  const schemas = createSchemaRegistry(createBaseSchema({ hostInfo, systemOperations, heartbeatMs, signal: lifecycle.signal }));
  return {
    config, logger, sessions, auth, systemOperations, lifecycle, schemas,
    listenAddresses: [],
    stores: createStoreFactory(config.storeUrl),
    consumerCaches: createConsumerCaches(),
    events: createEventBus(logger.child({ component: "events" })),
    secrets: createSecretSealer(credentials.secretKey),
    readiness: new ReadinessRegistry(logger.child({ component: "readiness" })),
    metrics: new MetricsHub(logger.child({ component: "metrics" })),
  };
}

/** The services as tests and tools see them, plus per-plugin views and role callers. */
export function exposeServices(shared: HostWideServices, plugins: LoadedManifest[]): ReferenceHostServices {
  return {
    ...shared,
    plugins,
    forPlugin(pluginId) {
      const loaded = plugins.find((p) => p.manifest.id === pluginId);
      if (!loaded) throw new Error(`no plugin "${pluginId}" is loaded`);
      return servicesForPlugin(shared, loaded.manifest);
    },
    callerFor(role) {
      return role === "anonymous" ? ANONYMOUS : { id: `${role}-token`, kind: "token", roles: [role] };
    },
  };
}

