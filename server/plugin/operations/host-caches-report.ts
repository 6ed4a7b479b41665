/**
 * One host's part of *Clear consumer website caches* across the farm (docs/farm.md "System operations across the
 * farm"): what it cleared, what it restarted and how long it took — or why it could not. Another host's answer
 * crossed Redis, so it is checked field by field before it is shown; a malformed one is reported as a failure.
 */
import type { ConsumerCacheReport, FarmReply } from "../../host/contract";

export interface ListenerRestartReport {
  registrationId: string;
  name: string;
  restarted: boolean;
}

/** What one host did (its own clock for `durationMs`). */
export interface HostWork {
  caches: ConsumerCacheReport[];
  listeners: ListenerRestartReport[];
  durationMs: number;
}

export interface HostCachesReport extends HostWork {
  hostId: string;
  /** Set when the host answered that it failed (then `caches` and `listeners` are empty). */
  error: { code: string; message: string } | null;
}

/** More entries than any real host has: a larger answer is malformed, not shown. */
const MAX_ENTRIES = 10_000;

/** The report of one host's reply. */
export function hostReportOf(reply: FarmReply): HostCachesReport {
  if (reply.error) return failed(reply.hostId, reply.error);
  if (isHostWork(reply.result)) {
    const { caches, listeners, durationMs } = reply.result;
    return {
      hostId: reply.hostId,
      caches: caches.map((c) => ({ name: c.name, entriesCleared: c.entriesCleared })),
      listeners: listeners.map((l) => ({ registrationId: l.registrationId, name: l.name, restarted: l.restarted })),
      durationMs,
      error: null,
    };
  }
  return failed(reply.hostId, { code: "INTERNAL_SERVER_ERROR", message: `Host ${reply.hostId} answered with a report this host cannot read (another plugin version?).` });
}

function failed(hostId: string, error: { code: string; message: string }): HostCachesReport {
  return { hostId, caches: [], listeners: [], durationMs: 0, error };
}

const isText = (value: unknown): value is string => typeof value === "string" && value.length <= 500;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function isHostWork(value: unknown): value is HostWork {
  const r = value as Partial<HostWork> | null;
  if (typeof r !== "object" || r === null || typeof r.durationMs !== "number" || !Number.isFinite(r.durationMs) || r.durationMs < 0) return false;
  if (!Array.isArray(r.caches) || !Array.isArray(r.listeners) || r.caches.length > MAX_ENTRIES || r.listeners.length > MAX_ENTRIES) return false;
  return (
    r.caches.every((c: Partial<ConsumerCacheReport>) => typeof c === "object" && c !== null && isText(c.name) && isCount(c.entriesCleared)) &&
    r.listeners.every((l: Partial<ListenerRestartReport>) => typeof l === "object" && l !== null && isText(l.registrationId) && isText(l.name) && typeof l.restarted === "boolean")
  );
}
