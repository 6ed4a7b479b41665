/**
 * What the caller may do here, so the tab shows an action only to those who may use it (the server checks every
 * mutation again regardless): `relayPermissions` lists the plugin's permissions the caller's roles hold.
 */
import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../../host/contract";
import { Permissions } from "./permissions";
import { RelayApi } from "./relay-api";

@Resolver()
export class CallerResolver {
  constructor(private readonly api: RelayApi) {}

  @Authorized(Permissions.read)
  @Query(() => [String], { description: "The plugin's permissions the caller holds, e.g. azure-relay.registrations:write (the tab hides what the caller may not do)." })
  relayPermissions(@Ctx() { caller }: GraphQLContext): string[] {
    return Object.values(Permissions).filter((permission) => caller !== undefined && this.api.auth.can(caller, permission));
  }
}
