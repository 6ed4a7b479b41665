/**
 * What the supervisor needs of the data plane and of time. `DataPlane` (server/relay/data-plane.ts) satisfies
 * `DataPlanePort` structurally; tests use a scripted in-memory port and jest's fake timers.
 */
import type { Disposable } from "../../host/contract";
import type { ListenerSpec, WorkerCommand, WorkerEvent } from "../../relay/protocol";

/** The data-plane worker as the supervisor drives it. */
export interface DataPlanePort {
  /** Starts the worker; resolves once it can take commands. Called again (with backoff) after the worker exits. */
  start(): Promise<void> | void;
  /** Posts a command to the worker; `false` when no worker is running (nothing was sent). */
  send(command: WorkerCommand): boolean | void;
  /** Every event the worker emits. */
  onEvent(handler: (event: WorkerEvent) => void): Disposable;
  /** The worker ended (crash or stop), with its exit code. */
  onExit(handler: (code: number) => void): Disposable | void;
  /** Drains every listener for at most `drainMs`, then ends the worker. */
  stop(drainMs: number): Promise<void> | void;
}

/** An opaque timer handle. */
export type TimerHandle = unknown;

/** The timer functions the supervisor uses; injectable so tests control time. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Node's timers, looked up at call time so jest's fake timers replace them. */
export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * One registration as the supervisor should run it: the complete desired state is an array of these.
 * Holds the key in clear: it goes from the registrations service straight to the worker, never to a status or log.
 */
export interface DesiredListener extends Omit<ListenerSpec, "listenerId"> {
  enabled: boolean;
  /** Changes whenever anything relevant to the listener changes (key, target, names, enabled). */
  settingsVersion: string;
}

/** The worker's view of a desired listener under a given listener id. */
export function toListenerSpec(listenerId: string, desired: DesiredListener): ListenerSpec {
  const { enabled: _enabled, settingsVersion: _version, ...spec } = desired;
  return { listenerId, ...spec };
}
