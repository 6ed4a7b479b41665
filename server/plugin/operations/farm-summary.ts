/**
 * The farm's part of *Clear consumer website caches* by code + params (docs/farm.md "System operations across the
 * farm"): a farm-wide summary and one line per host — what it did, why it failed, or that it did not answer. A farm
 * of one that answered without a problem keeps the single host's messages (clear-caches-messages.ts).
 */
import type { OperationMessage } from "../../host/contract";
import { operationMessage } from "./clear-caches-messages";
import type { HostCachesReport } from "./host-caches-report";

interface FarmReport {
  hosts: HostCachesReport[];
  notAnswering: string[];
  deadlineMs: number;
  durationMs: number;
}

/** True when the report is worth telling per host: more than one host asked, or any problem. */
export function isFarmWide(report: FarmReport): boolean {
  return report.hosts.length + report.notAnswering.length > 1 || report.hosts.some((h) => h.error !== null);
}

/** "Cleared … on 2 of 3 hosts in … ms." and a line per host. */
export function farmMessages(report: FarmReport): { summary: OperationMessage; lines: OperationMessage[] } {
  const done = report.hosts.filter((h) => h.error === null);
  const sum = (count: (h: HostCachesReport) => number) => done.reduce((total, h) => total + count(h), 0);
  const summary = operationMessage("CLEAR_CACHES_FARM_SUMMARY", {
    caches: sum((h) => h.caches.length),
    entries: sum((h) => h.caches.reduce((n, c) => n + c.entriesCleared, 0)),
    restarted: sum((h) => h.listeners.filter((l) => l.restarted).length),
    listeners: sum((h) => h.listeners.length),
    answered: done.length,
    asked: report.hosts.length + report.notAnswering.length,
    ms: report.durationMs,
  });
  const seconds = Math.round(report.deadlineMs / 100) / 10;
  const lines = [
    ...report.hosts.map((h) => (h.error ? operationMessage("CLEAR_CACHES_HOST_FAILED", { host: h.hostId, code: h.error.code, message: h.error.message }) : hostLine(h))),
    ...report.notAnswering.map((host) => operationMessage("CLEAR_CACHES_HOST_NOT_ANSWERING", { host, seconds })),
  ];
  return { summary, lines };
}

function hostLine(h: HostCachesReport): OperationMessage {
  const entries = h.caches.reduce((n, c) => n + c.entriesCleared, 0);
  const restarted = h.listeners.filter((l) => l.restarted).length;
  return operationMessage("CLEAR_CACHES_HOST", { host: h.hostId, caches: h.caches.length, entries, restarted, listeners: h.listeners.length, ms: h.durationMs });
}
