/**
 * The reference host's host-wide services: one instance of each per host. Plugins never get these as such; each
 * gets a view cut from them (plugin-services.ts), and tests and tools see them through reference-host-services.ts.
 */
import { HOST_CONTRACT_VERSION, type EventBus, type HostListenAddress, type Logger, type SecretSealer, type SystemOperationRegistry, type HostLog } from "../contract";
import { createLogRing } from "./log-ring";
import { createAuth, type ReferenceAuth } from "./auth";
import type { ReferenceHostConfig } from "./config";
import { createConsumerCaches, type ReferenceConsumerCaches } from "./consumer-caches";
import type { HostCredentials } from "./credentials";
import { createEventBus } from "./event-bus";
import { createBaseSchema } from "./graphql-base-schema";
import { createSchemaRegistry, type SchemaRegistry } from "./graphql-schema-registry";
import { createLifecycle, type HostLifecycle } from "./lifecycle";
import type { LoadedManifest } from "./manifest-types";
import { createSecretSealer } from "./secret-sealer";
import { createSessionStore, type SessionStore } from "./sessions";
import { createStoreFactory, type StoreFactory } from "./store";
import { createHostFarm, type HostFarm } from "./farm/host-farm";
import { createSystemOperationRegistry } from "./system-operations";
import { MetricsHub } from "./metrics";
import { ReadinessRegistry } from "./readiness";

/** One of each service for the whole host, with the reference host's richer types. */
export interface HostWideServices {
  config: ReferenceHostConfig;
  /** Where the host's HTTP server listens; filled in once it does (before plugins activate). */
  listenAddresses: HostListenAddress[];
  logger: Logger;
  stores: StoreFactory;
  consumerCaches: ReferenceConsumerCaches;
  events: EventBus;
  secrets: SecretSealer;
  auth: ReferenceAuth;
  sessions: SessionStore;
  systemOperations: SystemOperationRegistry;
  schemas: SchemaRegistry;
  lifecycle: HostLifecycle;
  /** The web farm this host belongs to (a farm of one unless the store is Redis; docs/farm.md). */
  farm: HostFarm;
  /** Readiness checks behind /ready (contract 2.1). */
  readiness: ReadinessRegistry;
  /** Collectors behind /metrics (contract 2.1). */
  metrics: MetricsHub;
  /** The host's recent log lines, redacted (contract 2.2 `log`). */
  recentLog: HostLog;
}

/** One of each service for a host serving `plugins`; `heartbeatMs` is the heartbeat subscription period (default 5000). */
export function createHostWideServices(config: ReferenceHostConfig, credentials: HostCredentials, plugins: LoadedManifest[], logger: Logger, heartbeatMs?: number, recentLog: HostLog = createLogRing(1)): HostWideServices {
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
    farm: createHostFarm(config, logger),
    readiness: new ReadinessRegistry(logger.child({ component: "readiness" })),
    metrics: new MetricsHub(logger.child({ component: "metrics" })),
    recentLog,
  };
}
