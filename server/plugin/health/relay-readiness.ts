/**
 * The plugin's readiness check behind the host's /ready (docs/operations.md): ready only when every enabled
 * registration is ONLINE — listener connected and target healthy (or its check off). DEGRADED, withdrawn,
 * reconnecting or failed registrations make the host not ready, and the report names each with its state and why.
 * No enabled registration: ready (nothing to serve, nothing broken).
 */
import type { ReadinessCheck, ReadinessReport } from "../../host/contract";
import type { PublicRegistration } from "../registrations/registration";
import type { RelayControl } from "../registrations/relay-control";

export interface NotReadyRegistration {
  id: string;
  name: string;
  hybridConnectionName: string;
  state: string;
  /** The status's error message (never a secret), when it has one. */
  reason?: string;
}

export function relayReadinessCheck(list: () => Promise<PublicRegistration[]>, relay: Pick<RelayControl, "status">): ReadinessCheck {
  return {
    name: "relay-listeners",
    async check(): Promise<ReadinessReport> {
      const enabled = (await list()).filter((r) => r.enabled);
      const notReady: NotReadyRegistration[] = [];
      for (const r of enabled) {
        const status = relay.status(r.id);
        if (status.state === "ONLINE") continue;
        const reason = "lastError" in status ? status.lastError.message : undefined;
        notReady.push({ id: r.id, name: r.name, hybridConnectionName: r.hybridConnectionName, state: status.state, ...(reason ? { reason } : {}) });
      }
      return { ready: notReady.length === 0, details: { policy: "every enabled registration ONLINE", enabled: enabled.length, notReady } };
    },
  };
}
