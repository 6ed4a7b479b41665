/**
 * One read of the farm's membership per GraphQL request: `listeners`, `onlineHosts` and `totalHosts` of a list of
 * 1 000 registrations would otherwise scan Redis 3 000 times. Keyed by the request's context object (one per
 * operation), so a later request always reads afresh — a client that hears a status event and then asks sees it.
 */
import type { Farm } from "../../host/contract";
import { farmHosts, type FarmHostView } from "../farm/farm-presence";

const perRequest = new WeakMap<object, Promise<FarmHostView[]>>();

export function farmHostsOnce(farm: Farm, context: object): Promise<FarmHostView[]> {
  let hosts = perRequest.get(context);
  if (!hosts) {
    hosts = farmHosts(farm);
    perRequest.set(context, hosts);
  }
  return hosts;
}
