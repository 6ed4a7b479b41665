/** What the forwarder needs to know for one relayed request, beyond the request itself. */
import http from "node:http";
import https from "node:https";
import type { ForwardedFrom } from "./forward-headers";
import type { CancelSignal } from "./in-flight";
import type { ResolvedDataPlaneOptions } from "./options";
import type { RequestJournalTap } from "./request-journal-tap";
import { guardedAgents, workerTargetGuard, type TargetGuard } from "./target-guard";

export interface ForwardTarget extends ForwardedFrom {
  targetUrl: string;
  hybridConnectionName: string;
}

export interface TargetAgents {
  http: http.Agent;
  https: https.Agent;
}

export interface ForwardContext {
  target: ForwardTarget;
  options: Pick<ResolvedDataPlaneOptions, "maxBodyBytes" | "targetTimeoutMs">;
  agents: TargetAgents;
  /** The sender's IP when the relay told us (its `remoteEndpoint`); appended to X-Forwarded-For. */
  clientAddress?: string;
  /** Aborted when the sender goes away or the listener is torn down: cancels the target request. */
  signal: CancelSignal;
  now?: () => number;
  /** The listener's request journal tap; absent when the journal is off (setting `journal=off`). */
  journal?: RequestJournalTap;
}

/**
 * Keep-alive agents: relayed requests to one target reuse connections instead of paying a TCP setup each. Every new
 * connection passes `guard` (target-guard.ts; default the worker's, configured with `DataPlaneOptions.targetGuard`).
 */
export function createTargetAgents(guard: TargetGuard = workerTargetGuard): TargetAgents {
  return guardedAgents(guard);
}
