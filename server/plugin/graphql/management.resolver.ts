/** Management access (set, remove, list) and secureRelayRegistration: parse, check permission, call the service, map. */
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver, UseMiddleware } from "type-graphql";
import { ErrorMapping } from "./error-mapping";
import type { GraphQLContext } from "../../host/contract";
import type { CredentialInput, PublicManagementAccess } from "../management/management-access";
import { managementApiOf } from "../management/management-api";
import { Permissions } from "./permissions";
import { RelayApi } from "./relay-api";
import { RelayCredentialKind, RelayManagementAccess, SecureRegistrationReport } from "./management.type";
import { RelayCredentialInput, SetRelayManagementAccessInput } from "./management.inputs";
import { registrationView } from "./views";

function accessView(a: PublicManagementAccess): RelayManagementAccess {
  return { ...a, credentialKind: a.credentialKind as RelayCredentialKind, updatedAt: new Date(a.updatedAt) };
}

/** The GraphQL input as the service's union; the service checks the fields each kind needs. */
function credentialOf(input: RelayCredentialInput): CredentialInput {
  switch (input.kind) {
    case RelayCredentialKind.ENVIRONMENT:
      return { kind: "environment" };
    case RelayCredentialKind.MANAGED_IDENTITY:
      return { kind: "managed-identity", clientId: input.clientId };
    case RelayCredentialKind.CLIENT_SECRET:
      return { kind: "client-secret", tenantId: input.tenantId ?? "", clientId: input.clientId ?? "", clientSecret: input.clientSecret ?? "" };
    case RelayCredentialKind.STATIC_TOKEN:
      return { kind: "static-token", token: input.token ?? "" };
  }
}

@UseMiddleware(ErrorMapping)
@Resolver()
export class ManagementResolver {
  constructor(private readonly api: RelayApi) {}

  @Authorized(Permissions.read)
  @Query(() => [RelayManagementAccess], { description: "Management access per namespace (no secrets)." })
  async relayManagementAccess(): Promise<RelayManagementAccess[]> {
    return (await managementApiOf(this.api).access.list()).map(accessView);
  }

  @Authorized(Permissions.write)
  @Mutation(() => RelayManagementAccess, { description: "Sets (or replaces) management access for a namespace; secrets are sealed and never returned. Missing hybrid connections of its enabled registrations are then created." })
  async setRelayManagementAccess(@Arg("input") input: SetRelayManagementAccessInput, @Ctx() { caller }: GraphQLContext): Promise<RelayManagementAccess> {
    const { credential, ...fields } = input;
    const management = managementApiOf(this.api);
    const access = await management.access.set({ ...fields, credential: credentialOf(credential) }, caller);
    await management.provisionExisting(access.namespace);
    return accessView(access);
  }

  @Authorized(Permissions.write)
  @Mutation(() => Boolean, { description: "Removes a namespace's management access (sealed secrets included); false when it had none." })
  async removeRelayManagementAccess(@Arg("namespace") namespace: string): Promise<boolean> {
    return managementApiOf(this.api).access.remove(namespace);
  }

  @Authorized(Permissions.write)
  @Mutation(() => SecureRegistrationReport, {
    description: "Moves a registration that listens with a Manage key to a Listen-only rule on its hybrid connection (created through management access), with no downtime.",
  })
  async secureRelayRegistration(@Arg("id", () => ID) id: string): Promise<SecureRegistrationReport> {
    const result = await managementApiOf(this.api).secure.secure(id);
    return { ...result, registration: registrationView(result.registration), previousRights: result.previousRights.join(", ") };
  }
}
