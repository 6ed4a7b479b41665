/** The farm's part of the operation's English summary (the host page translates it from the report's fields). */
import type { HostCachesReport } from "./host-caches-report";

/**
 * "2 of 3 hosts answered; farm-c did not answer within 10 s." — or nothing for a farm of one that answered
 * without a problem (its summary stays the single host's sentence).
 */
export function farmSummary(report: { hosts: HostCachesReport[]; notAnswering: string[]; deadlineMs: number }): string {
  const failed = report.hosts.filter((h) => h.error !== null);
  const asked = report.hosts.length + report.notAnswering.length;
  if (asked <= 1 && failed.length === 0 && report.notAnswering.length === 0) return "";
  const parts = [`${report.hosts.length - failed.length} of ${asked} hosts did it`];
  if (failed.length) parts.push(`failed on ${failed.map((h) => h.hostId).join(", ")}`);
  if (report.notAnswering.length) parts.push(`${report.notAnswering.join(", ")} did not answer within ${Math.round(report.deadlineMs / 100) / 10} s`);
  return `${parts.join("; ")}.`;
}
