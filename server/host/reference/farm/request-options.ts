/** A plugin's farm request options, checked before anything is sent (a plugin bug must not hang or flood the farm). */
import { HostError, type FarmRequestOptions } from "../../contract";

/** Longest deadline a request may ask for: an operation across the farm is interactive. */
export const MAX_REQUEST_DEADLINE_MS = 120_000;

export function checkedRequestOptions(options: FarmRequestOptions): FarmRequestOptions {
  const { deadlineMs, hostIds } = options;
  if (!Number.isFinite(deadlineMs) || deadlineMs <= 0 || deadlineMs > MAX_REQUEST_DEADLINE_MS) {
    throw new HostError("BAD_USER_INPUT", `A farm request's deadlineMs must be between 1 and ${MAX_REQUEST_DEADLINE_MS} ms.`, "deadlineMs");
  }
  if (hostIds !== undefined && (!Array.isArray(hostIds) || !hostIds.every((id) => typeof id === "string" && id.length > 0))) {
    throw new HostError("BAD_USER_INPUT", "A farm request's hostIds must be a list of host ids.", "hostIds");
  }
  return { deadlineMs, hostIds: hostIds && [...hostIds] };
}
