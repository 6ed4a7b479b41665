/**
 * A relay registration: one hybrid connection of one namespace that this host listens on.
 * The stored record holds the key sealed; `toPublicRegistration` is the only view that leaves the service layer.
 */
import { targetHealthOf, type TargetHealthSettings } from "../health/target-health-settings";
import { journalOf, type JournalSettings } from "../journal/journal-settings";
import { hybridConnectionKey } from "./hybrid-connection-name";
import { webSocketSendersOf, type WebSocketSenders } from "./web-socket-senders";
import { probeView, type ProbeRecord, type ProbeSettingsView } from "../probe/probe-settings";

/** What the store holds. `sealedKey` is the SharedAccessKey sealed by the host (AES-256-GCM); never shown. */
export interface RegistrationRecord {
  id: string;
  name: string;
  /** `contoso.servicebus.windows.net`, or `127.0.0.1:9351` for the local emulator. */
  namespace: string;
  hybridConnectionName: string;
  /** false only for the local emulator (`UseDevelopmentEmulator=true`). */
  secure: boolean;
  keyName: string;
  sealedKey: string;
  keyFingerprint: string;
  targetUrl: string;
  enabled: boolean;
  /** How the local target is checked (server/plugin/health/); absent on records stored before: the defaults apply. */
  targetHealth?: TargetHealthSettings;
  /** WebSocket senders of this registration; absent: the installation's setting (web-socket-senders.ts). */
  webSockets?: "pass" | "refuse";
  /** End-to-end probe settings (server/plugin/probe/), its Send key sealed; absent: off, no Send key. */
  probe?: ProbeRecord;
  /** Request journal settings (server/plugin/journal/); absent on records stored before: the defaults apply. */
  journal?: JournalSettings;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

/** A registration as callers see it: no key, no token, no connection string. */
export type PublicRegistration = Omit<RegistrationRecord, "sealedKey" | "targetHealth" | "webSockets" | "probe" | "journal"> & {
  targetHealth: TargetHealthSettings;
  webSockets: WebSocketSenders;
  probe: ProbeSettingsView;
  journal: JournalSettings;
};

export function toPublicRegistration(record: RegistrationRecord): PublicRegistration {
  const { sealedKey: _sealed, probe: _probe, ...rest } = record;
  return { ...rest, targetHealth: targetHealthOf(record), webSockets: webSocketSendersOf(record), probe: probeView(record), journal: journalOf(record) };
}

/** Registrations are unique on namespace + hybrid connection (names compare without case, as Azure does: hybrid-connection-name.ts). */
export function registrationIdentity(namespace: string, hybridConnectionName: string): string {
  return `${namespace.toLowerCase()}/${hybridConnectionKey(hybridConnectionName)}`;
}
