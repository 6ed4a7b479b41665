/**
 * Wires listener status across the farm (docs/farm.md, "Status across the farm"): each local status change goes,
 * in this order, into this host's presence (so the membership record is current before anyone hears of the change),
 * to this host's subscribers, to the host event bus, and to the other hosts; the other hosts' changes go to this
 * host's subscribers only. Also the farm warning (FARM_UNAVAILABLE, FARM_STORE_RESET) for the API and the log.
 */
import type { Disposable, HostServices, Logger } from "../../host/contract";
import { RELAY_STATUS_TOPIC, type RelayPubSub } from "../graphql/status.resolver";
import { statusEventView } from "../graphql/views";
import { STATUS_CHANGED_EVENT, toStatusChangedV1 } from "../status-events";
import type { RelayStatusChange } from "../supervisor/relay-status";
import type { ConfigSync } from "./config-sync";
import type { PresencePublisher } from "./farm-presence";
import { statusEventFromFarm, STATUS_EVENT_TOPIC } from "./farm-status-feed";
import { farmWarningOf, type FarmWarning } from "./farm-warning";

export interface FarmStatusParts {
  host: Pick<HostServices, "farm" | "events" | "config">;
  relay: { onStatusChanged(handler: (change: RelayStatusChange) => void): Disposable };
  pubSub: RelayPubSub;
  presence: PresencePublisher;
  logger: Logger;
}

/** Starts both directions; dispose what it returns to stop. */
export function followFarmStatus({ host, relay, pubSub, presence, logger }: FarmStatusParts): Disposable[] {
  const hostId = host.config.hostId;
  let dropped = 0;
  return [
    relay.onStatusChanged((change) => {
      presence.patch(change.registrationId, change.status);
      pubSub.publish(RELAY_STATUS_TOPIC, statusEventView(change, hostId));
      const payload = toStatusChangedV1(change, hostId);
      host.events.publish(STATUS_CHANGED_EVENT, payload);
      host.farm.publishEvent(STATUS_EVENT_TOPIC, payload);
      logger.info("relay listener status", { registrationId: change.registrationId, state: change.status.state });
      presence.refresh();
    }),
    host.farm.onEvent((event) => {
      const view = statusEventFromFarm(event);
      if (view) return pubSub.publish(RELAY_STATUS_TOPIC, view);
      // Another host (or something on the channel) sent a malformed status: note it, a few times only.
      if (event.topic === STATUS_EVENT_TOPIC && dropped++ < 5) logger.warn("farm: malformed status event dropped", { fromHost: event.hostId });
    }),
  ];
}

/** The farm warning right now: the host's condition, or this plugin's own finding that the version went back. */
export function currentFarmWarning(host: Pick<HostServices, "farm">, sync: ConfigSync): FarmWarning | null {
  const warning = farmWarningOf(host.farm.condition);
  if (warning) return warning;
  const own = sync.ownStoreReset();
  return own ? farmWarningOf(own) : null;
}

