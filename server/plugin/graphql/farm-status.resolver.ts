/** `relayFarm` and each registration's `farmWarning`: the farm warning where an admin or a script reads status. */
import { Authorized, Ctx, FieldResolver, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../../host/contract";
import { farmHostsOnce } from "./farm-hosts-per-request";
import { RelayFarmStatus, RelayFarmWarning } from "./farm-status.type";
import { Permissions } from "./permissions";
import { RelayApi } from "./relay-api";
import { RelayRegistration } from "./relay-registration.type";

@Resolver()
export class FarmStatusResolver {
  constructor(private readonly api: RelayApi) {}

  @Authorized(Permissions.read)
  @Query(() => RelayFarmStatus, { description: "This host's id, whether it shares a farm store, and the farm warning." })
  async relayFarm(@Ctx() context: GraphQLContext): Promise<RelayFarmStatus> {
    const { farm } = this.api;
    const hostCount = (await farmHostsOnce(farm, context).catch(() => [])).length;
    return { hostId: this.api.farmState.hostId, shared: farm.shared, available: farm.available, hostCount, warning: this.api.farmState.warning() };
  }
}

@Resolver(() => RelayRegistration)
export class RegistrationFarmWarningResolver {
  constructor(private readonly api: RelayApi) {}

  @FieldResolver(() => RelayFarmWarning, { nullable: true, description: "The farm warning (the same for every registration); null while the farm is fine. Traffic flows either way." })
  farmWarning(): RelayFarmWarning | null {
    return this.api.farmState.warning();
  }
}
