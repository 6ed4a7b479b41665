/**
 * The DOM events the Azure Relay elements dispatch: namespaced with the plugin id and versioned, so a host
 * page can rely on them (`addEventListener("azure-relay-registration-added-v1", …)`). All bubble and are
 * composed (they leave shadow roots).
 */
import type { RelayManagementAccess, SecureRegistrationReport } from "./azure/azure-api";
import type { JournalFilterState } from "./detail/journal-filter";
import type { TimelineWindow } from "./detail/history-timeline";
import type { ClearConsumerCachesReport, RelayRegistration } from "./registrations-client";

export const EVENTS = {
  /** detail: `{ registration }` — after a successful add. */
  registrationAdded: "azure-relay-registration-added-v1",
  /** detail: `{ registration }` — after a successful edit (rename, retarget, enable/disable, key rotation). */
  registrationUpdated: "azure-relay-registration-updated-v1",
  /** detail: `{ id, name }` — after a successful removal. */
  registrationRemoved: "azure-relay-registration-removed-v1",
  /** detail: `{ report }` — after Clear consumer website caches. */
  cachesCleared: "azure-relay-caches-cleared-v1",
  /** detail: `{ id }` — a row asks to edit its registration. */
  editRequested: "azure-relay-edit-requested-v1",
  /** detail: `{ id }` — a row asks to remove its registration (the root confirms first). */
  removeRequested: "azure-relay-remove-requested-v1",
  /** detail: `{ id }` — a row asks to restart its listener. */
  restartRequested: "azure-relay-restart-requested-v1",
  /** detail: `{ id }` — a row of the overview asks for its detail panel. */
  detailRequested: "azure-relay-detail-requested-v1",
  /** detail: none — the empty state or header asks for the add dialog. */
  addRequested: "azure-relay-add-requested-v1",
  /** detail: `{ id }` — a row asks to move its registration to a Listen-only rule (the root confirms first). */
  secureRequested: "azure-relay-secure-requested-v1",
  /** detail: `{ report }` — after secureRelayRegistration succeeded. */
  registrationSecured: "azure-relay-registration-secured-v1",
  /** detail: `{ namespace, access }` — management access was saved (`access`) or removed (`null`). */
  managementAccessChanged: "azure-relay-management-access-changed-v1",
  /** detail: `{ filter }` — the journal's filters changed (the detail view reloads the journal). */
  journalFilterChanged: "azure-relay-journal-filter-changed-v1",
  /** detail: `{ on }` — the journal's live tail was switched on or off. */
  journalTailToggled: "azure-relay-journal-tail-toggled-v1",
  /** detail: `{ requestId }` — replay this journal entry to the local target (write permission). */
  replayRequested: "azure-relay-replay-requested-v1",
  /** detail: `{ window }` — the history timeline switched between 24 h and 7 d. */
  historyWindowChanged: "azure-relay-history-window-changed-v1",
  /** detail: `{ id }` — probe this registration end to end. */
  probeRequested: "azure-relay-probe-requested-v1",
} as const;

export interface EventDetails {
  [EVENTS.registrationAdded]: { registration: RelayRegistration };
  [EVENTS.registrationUpdated]: { registration: RelayRegistration };
  [EVENTS.registrationRemoved]: { id: string; name: string };
  [EVENTS.cachesCleared]: { report: ClearConsumerCachesReport };
  [EVENTS.editRequested]: { id: string };
  [EVENTS.removeRequested]: { id: string };
  [EVENTS.restartRequested]: { id: string };
  [EVENTS.detailRequested]: { id: string };
  [EVENTS.addRequested]: Record<string, never>;
  [EVENTS.secureRequested]: { id: string };
  [EVENTS.registrationSecured]: { report: SecureRegistrationReport };
  [EVENTS.managementAccessChanged]: { namespace: string; access: RelayManagementAccess | null };
  [EVENTS.journalFilterChanged]: { filter: JournalFilterState };
  [EVENTS.journalTailToggled]: { on: boolean };
  [EVENTS.replayRequested]: { requestId: string };
  [EVENTS.historyWindowChanged]: { window: TimelineWindow };
  [EVENTS.probeRequested]: { id: string };
}

export type EventName = keyof EventDetails;

export function fire<N extends EventName>(target: EventTarget, name: N, detail: EventDetails[N]): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
