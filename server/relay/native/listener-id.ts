/**
 * The `sb-hc-id` a native listener presents on its control channel (docs/relay-protocol-notes.md §1, issue 10 item 1). Stable
 * per host and registration — the same machine serving the same registration always shows the same id, across
 * reconnects, key rotations and restarts — so the listeners of a farm can be told apart in the relay's view
 * (`Microsoft-Relay-AllowedListeners`, diagnostics). Derived, not random, and carrying nothing secret.
 */
import { createHash } from "node:crypto";
import { hostname } from "node:os";

/** A GUID-shaped name-based id (RFC 4122 version 5 layout over SHA-256 instead of SHA-1). */
export function stableListenerId(registrationId: string, host: string = hostname()): string {
  const digest = createHash("sha256").update(`ecs-core-azure-relay\n${host.toLowerCase()}\n${registrationId}`).digest();
  digest[6] = (digest[6] & 0x0f) | 0x50; // version 5
  digest[8] = (digest[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = digest.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
