/**
 * The journal's overlay on the relay control (like health-aware-relay.ts for target health): it takes each
 * registration's journal settings out of the desired state, hands them to the journal (ring sizes; removed
 * registrations forgotten), and passes only `recordBodies` on to the worker's listener spec. A change of
 * `recordBodies` is part of the settings version, so it swaps the listener (without downtime) to carry it.
 */
import type { RegistrationDesired, RelayControl } from "../registrations/relay-control";
import type { RequestJournal } from "./request-journal";

export function journalAwareRelay(relay: RelayControl, journal: RequestJournal): RelayControl {
  return {
    apply: (desired) => {
      journal.configure(desired);
      relay.apply(desired.map(withoutJournal));
    },
    rotate: (registrationId, next) => relay.rotate(registrationId, withoutJournal(next)),
    restart: (registrationId) => relay.restart(registrationId),
    restartAll: () => relay.restartAll(),
    status: (registrationId) => relay.status(registrationId),
    traffic: (registrationId) => relay.traffic(registrationId),
    targetHealth: (registrationId) => relay.targetHealth?.(registrationId),
  };
}

function withoutJournal(d: RegistrationDesired): RegistrationDesired {
  const { journal, ...rest } = d;
  if (!journal?.recordBodies) return rest;
  return { ...rest, recordBodies: true, settingsVersion: `${d.settingsVersion}|bodies` };
}
