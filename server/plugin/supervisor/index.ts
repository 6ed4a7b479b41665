/** The listener supervisor: desired state → listeners on the data-plane worker, status, backoff, key rotation. */
export { Supervisor, type SupervisorDeps, type SupervisorOptions } from "./supervisor";
export type { DataPlanePort, DesiredListener, Timers, TimerHandle } from "./data-plane-port";
export { toListenerSpec, systemTimers } from "./data-plane-port";
export * from "./relay-status";
export { classifyFailure, CLASSIFICATION_KEYS, WORKER_CRASHED, type Classification } from "./failure-classification";
export { Backoff, resolveBackoffOptions, type BackoffOptions, type Jitter } from "./backoff";
export { TrafficLedger, emptyTraffic } from "./traffic-ledger";
export { waitForStatus } from "./wait-for";
