/** Queries and mutations over relay registrations: parse arguments, check permission, call the service, map the result. */
import { Arg, Authorized, Ctx, Directive, ID, Mutation, Query, Resolver, UseMiddleware } from "type-graphql";
import { ErrorMapping } from "./error-mapping";
import type { GraphQLContext } from "../../host/contract";
import { ConnectionStringCheck } from "./connection-string-check.type";
import { Permissions } from "./permissions";
import { RelayApi } from "./relay-api";
import { RelayRegistration } from "./relay-registration.type";
import { AddRelayRegistrationInput, UpdateRelayRegistrationInput } from "./registration.inputs";
import { registrationView } from "./views";
import { SECRET } from "./secret.directive";

@Resolver(() => RelayRegistration)
@UseMiddleware(ErrorMapping)
export class RegistrationResolver {
  constructor(private readonly api: RelayApi) {}

  @Authorized(Permissions.read)
  @Query(() => [RelayRegistration], { description: "Every relay registration of this host." })
  async relayRegistrations(): Promise<RelayRegistration[]> {
    return (await this.api.registrations.list()).map(registrationView);
  }

  @Authorized(Permissions.read)
  @Query(() => RelayRegistration, { nullable: true })
  async relayRegistration(@Arg("id", () => ID) id: string): Promise<RelayRegistration | null> {
    const found = await this.api.registrations.get(id);
    return found ? registrationView(found) : null;
  }

  @Authorized(Permissions.read)
  @Query(() => ConnectionStringCheck, { description: "Checks a connection string without saving it; returns the parts safe to show, or each problem at its field." })
  checkRelayConnectionString(@Arg("connectionString") @Directive(SECRET) connectionString: string): ConnectionStringCheck {
    return this.api.registrations.check(connectionString);
  }

  @Authorized(Permissions.write)
  @Mutation(() => RelayRegistration, { description: "Adds a registration from a pasted connection string; its listener starts at once." })
  async addRelayRegistration(@Arg("input") input: AddRelayRegistrationInput, @Ctx() { caller }: GraphQLContext): Promise<RelayRegistration> {
    return registrationView(await this.api.registrations.add(input, caller));
  }

  @Authorized(Permissions.write)
  @Mutation(() => RelayRegistration, { description: "Renames, retargets, enables/disables, or rotates the key (new connection string) with no downtime." })
  async updateRelayRegistration(@Arg("id", () => ID) id: string, @Arg("input") input: UpdateRelayRegistrationInput): Promise<RelayRegistration> {
    return registrationView(await this.api.registrations.update(id, input));
  }

  @Authorized(Permissions.write)
  @Mutation(() => ID, { description: "Removes a registration; its listener drains in-flight requests and closes." })
  async removeRelayRegistration(@Arg("id", () => ID) id: string): Promise<string> {
    return this.api.registrations.remove(id);
  }

  @Authorized(Permissions.write)
  @Mutation(() => RelayRegistration, { description: "Closes and reopens one registration's listener on one host of the web farm: hostId (as farmHosts lists it), default this host. FARM_HOST_NOT_FOUND for a host not in the farm, FARM_HOST_NOT_ANSWERING when it does not answer in time." })
  async restartRelayListener(@Arg("id", () => ID) id: string, @Arg("hostId", () => String, { nullable: true }) hostId?: string | null): Promise<RelayRegistration> {
    return registrationView(await this.api.listenerRestarts.restart(id, hostId));
  }
}
