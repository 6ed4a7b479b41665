/** `relays` and `RelayRegistration.relay`: thin over the management RelayViewService. */
import { Authorized, FieldResolver, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { ErrorMapping } from "./error-mapping";
import { managementApiOf } from "../management/management-api";
import type { RelayView } from "../management/relay-view";
import { Permissions } from "./permissions";
import { RelayApi } from "./relay-api";
import { RelayRegistration } from "./relay-registration.type";
import { Relay, RelaySource } from "./relay.type";
import { registrationView } from "./views";

export function relayView(v: RelayView): Relay {
  return {
    id: v.id,
    name: v.name,
    namespace: v.namespace,
    source: RelaySource[v.source],
    existsInAzure: v.existsInAzure,
    listenerCount: v.listenerCount,
    ourListenersOnline: v.ourListenersOnline,
    requiresClientAuthorization: v.requiresClientAuthorization,
    userMetadata: v.userMetadata,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    registrations: v.registrations.map(registrationView),
    halfOpenSuspected: v.halfOpen.suspected,
    halfOpenAdvice: v.halfOpen.advice,
    foreignListenersSuspected: v.foreignListeners.suspected,
    foreignListenersAdvice: v.foreignListeners.advice,
    managementError: v.managementError,
  };
}

@UseMiddleware(ErrorMapping)
@Resolver(() => Relay)
export class RelayResolver {
  constructor(private readonly api: RelayApi) {}

  @Authorized(Permissions.read)
  @Query(() => [Relay], { description: "Every hybrid connection of every namespace we can see: through management access where configured, else from our registrations alone." })
  async relays(): Promise<Relay[]> {
    return (await managementApiOf(this.api).relays.relays()).map(relayView);
  }
}

@Resolver(() => RelayRegistration)
export class RegistrationRelayResolver {
  constructor(private readonly api: RelayApi) {}

  @FieldResolver(() => Relay, { nullable: true, description: "The hybrid connection this registration listens on, as Azure reports it (with management access)." })
  async relay(@Root() registration: RelayRegistration): Promise<Relay | null> {
    const found = await managementApiOf(this.api).relays.relayOf(registration);
    return found ? relayView(found) : null;
  }

  @FieldResolver(() => [String], { nullable: true, description: "Rights of the registration's rule as Azure reports them (Listen, Send, Manage); null without management access." })
  async keyRights(@Root() registration: RelayRegistration): Promise<string[] | null> {
    return this.rightsOf(registration);
  }

  @FieldResolver(() => Boolean, { description: "The key has Manage rights and management access is configured: secureRelayRegistration would move it to a Listen-only rule." })
  async secureRecommended(@Root() registration: RelayRegistration): Promise<boolean> {
    return (await this.rightsOf(registration))?.includes("Manage") ?? false;
  }

  /** One Azure lookup per registration and request, shared by keyRights and secureRecommended (same root object). */
  private readonly rightsByRoot = new WeakMap<RelayRegistration, Promise<string[] | null>>();
  private rightsOf(registration: RelayRegistration): Promise<string[] | null> {
    let rights = this.rightsByRoot.get(registration);
    if (!rights) {
      rights = managementApiOf(this.api).secure.keyRights(registration);
      this.rightsByRoot.set(registration, rights);
    }
    return rights;
  }
}
