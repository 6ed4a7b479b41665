/** The web farm in the API: `farmHosts`, and per registration its listener on every host with the counts. */
import { Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../host/contract";
import { farmHostsOnce } from "./farm-hosts-per-request";
import { farmHosts, type FarmHostView, type HostListenerPresence } from "../farm/farm-presence";
import { FarmHost, HostListener } from "./farm.type";
import { Permissions } from "./permissions";
import { RelayApi } from "./relay-api";
import { RelayRegistration } from "./relay-registration.type";
import { RelayState } from "./relay-status.type";

@Resolver(() => FarmHost)
export class FarmResolver {
  constructor(private readonly api: RelayApi) {}

  @Authorized(Permissions.read)
  @Query(() => [FarmHost], { description: "The hosts of the web farm, discovered from their heartbeats (one host unless the store is Redis)." })
  async farmHosts(): Promise<FarmHost[]> {
    return (await farmHosts(this.api.farm)).map((h) => ({
      hostId: h.hostId, contractVersion: h.contractVersion, startedAt: new Date(h.startedAt), lastHeartbeat: new Date(h.lastHeartbeat),
      listeners: h.listeners.map((l) => listenerView(h.hostId, l)),
    }));
  }
}

@Resolver(() => RelayRegistration)
export class RegistrationFarmResolver {
  constructor(private readonly api: RelayApi) {}

  @FieldResolver(() => [HostListener], { description: "This registration's listener on every host of the farm (`status` is this host's)." })
  async listeners(@Root() registration: RelayRegistration, @Ctx() context: GraphQLContext): Promise<HostListener[]> {
    return (await farmHostsOnce(this.api.farm, context)).flatMap((h) => listenersOn(h, registration.id));
  }

  @FieldResolver(() => Int, { description: "Hosts of the farm whose listener of this registration is ONLINE." })
  async onlineHosts(@Root() registration: RelayRegistration, @Ctx() context: GraphQLContext): Promise<number> {
    return (await farmHostsOnce(this.api.farm, context)).filter((h) => listenersOn(h, registration.id).some((l) => l.state === RelayState.ONLINE)).length;
  }

  @FieldResolver(() => Int, { description: "Hosts in the farm (each serves every registration); fewer onlineHosts means the registration is degraded." })
  async totalHosts(@Ctx() context: GraphQLContext): Promise<number> {
    return (await farmHostsOnce(this.api.farm, context)).length;
  }
}

function listenersOn(host: FarmHostView, registrationId: string): HostListener[] {
  return host.listeners.filter((l) => l.registrationId === registrationId).map((l) => listenerView(host.hostId, l));
}

function listenerView(hostId: string, l: HostListenerPresence): HostListener {
  return { hostId, registrationId: l.registrationId, state: RelayState[l.state], since: new Date(l.since), lastError: l.lastError };
}
