/** Builds a supervisor over a scripted data plane with jest's fake timers, and records its status changes. */
import { Supervisor, type RelayStatusChange, type SupervisorOptions } from "../../../server/plugin/supervisor";
import { ScriptedDataPlane } from "./scripted-data-plane";

export const T0 = new Date("2026-01-01T00:00:00.000Z");

export interface Harness {
  port: ScriptedDataPlane;
  supervisor: Supervisor;
  changes: RelayStatusChange[];
  /** "previous→state" for one registration, in order. */
  transitions(registrationId: string): string[];
}

export async function startHarness(options: SupervisorOptions = {}): Promise<Harness> {
  jest.useFakeTimers({ now: T0 });
  const port = new ScriptedDataPlane();
  const supervisor = new Supervisor({ dataPlane: port, random: () => 0.5, options });
  const changes: RelayStatusChange[] = [];
  supervisor.onStatusChanged((change) => changes.push(change));
  await supervisor.start();
  return {
    port,
    supervisor,
    changes,
    transitions: (id) => changes.filter((c) => c.registrationId === id).map((c) => `${c.previous ?? "null"}→${c.status.state}`),
  };
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  if (h) await h.supervisor.stop();
  jest.useRealTimers();
}
