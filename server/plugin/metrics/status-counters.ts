/** Counts per registration that only status changes reveal: reconnects (entries into RECONNECTING) and state changes. */
import type { Disposable } from "../../host/contract";
import type { RelayStatusChange } from "../supervisor/relay-status";

export class StatusCounters {
  private readonly reconnects = new Map<string, number>();
  private readonly changes = new Map<string, number>();

  /** Subscribes to `source`; dispose the result to stop counting. */
  follow(source: { onStatusChanged(handler: (change: RelayStatusChange) => void): Disposable }): Disposable {
    return source.onStatusChanged((change) => {
      bump(this.changes, change.registrationId);
      if (change.status.state === "RECONNECTING" && change.previous !== "RECONNECTING") bump(this.reconnects, change.registrationId);
    });
  }

  reconnectsOf(registrationId: string): number {
    return this.reconnects.get(registrationId) ?? 0;
  }

  stateChangesOf(registrationId: string): number {
    return this.changes.get(registrationId) ?? 0;
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
