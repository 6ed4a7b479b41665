/** How a `Supervisor` is built and tuned, with every default in one place. */
import type { Logger } from "../../host/contract";
import type { DataPlaneOptions } from "../../relay/protocol";
import type { BackoffOptions } from "./backoff";
import { systemTimers, type DataPlanePort, type Timers } from "./data-plane-port";

/** Tuning of the supervisor. */
export interface SupervisorOptions {
  /** How long a stopped listener may finish in-flight requests before it is closed. @default 10000 */
  drainMs?: number;
  /** How long a rotated key's listener may take to come online before the rotation is refused. @default 15000 */
  rotationTimeoutMs?: number;
  /** Listener reconnect schedule (see `BackoffOptions` for each default). */
  backoff?: BackoffOptions;
  /** Worker restart schedule after a crash. @default the same as `backoff` */
  workerBackoff?: BackoffOptions;
}

/** What a supervisor is built from. */
export interface SupervisorDeps {
  /** The data-plane worker (`new DataPlane()` from server/relay/data-plane.ts). */
  dataPlane: DataPlanePort;
  /** Sent to the worker with `configure` at every (re)start. @default {} (the worker's defaults) */
  dataPlaneOptions?: DataPlaneOptions;
  /** @default Date.now */
  clock?: () => number;
  /** Jitter source for every backoff unless `options.backoff.random` is given. @default Math.random */
  random?: () => number;
  /** @default Node's timers (looked up at call time, so jest's fake timers apply) */
  timers?: Timers;
  /** Where contained faults and worker crashes are reported. @default nowhere */
  logger?: Logger;
  options?: SupervisorOptions;
}

export interface ResolvedSupervisorOptions {
  clock: () => number;
  timers: Timers;
  drainMs: number;
  rotationTimeoutMs: number;
  backoff: BackoffOptions;
  workerBackoff: BackoffOptions;
}

export function resolveSupervisorOptions(deps: SupervisorDeps): ResolvedSupervisorOptions {
  const o = deps.options ?? {};
  const backoff: BackoffOptions = { ...o.backoff, random: o.backoff?.random ?? deps.random };
  return {
    clock: deps.clock ?? (() => Date.now()),
    timers: deps.timers ?? systemTimers,
    drainMs: o.drainMs ?? 10_000,
    rotationTimeoutMs: o.rotationTimeoutMs ?? 15_000,
    backoff,
    workerBackoff: { ...backoff, ...o.workerBackoff },
  };
}
