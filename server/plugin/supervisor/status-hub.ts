/** Fans status changes out to subscribers; one throwing subscriber neither breaks the supervisor nor the others. */
import type { Disposable, Logger } from "../../host/contract";
import type { RelayStatusChange } from "./relay-status";

export class StatusHub {
  private readonly handlers = new Set<(change: RelayStatusChange) => void>();

  constructor(private readonly logger?: Logger) {}

  subscribe(handler: (change: RelayStatusChange) => void): Disposable {
    this.handlers.add(handler);
    return { dispose: () => void this.handlers.delete(handler) };
  }

  emit(change: RelayStatusChange): void {
    for (const handler of [...this.handlers]) {
      try {
        handler(change);
      } catch (error) {
        this.logger?.warn("relay status handler threw", { registrationId: change.registrationId, message: String(error) });
      }
    }
  }
}
