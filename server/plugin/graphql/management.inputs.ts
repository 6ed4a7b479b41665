/** Inputs of the management access mutations. Validation lives in the service, so scripts and the UI get the same field errors. */
import { Directive, Field, InputType } from "type-graphql";
import { SECRET } from "./secret.directive";
import { RelayCredentialKind } from "./management.type";

@InputType({ description: "The credential for Azure Resource Manager. Fill the fields its kind needs; secrets are write-only." })
export class RelayCredentialInput {
  @Field(() => RelayCredentialKind) kind!: RelayCredentialKind;
  @Field(() => String, { nullable: true, description: "client-secret: the directory (tenant) id." }) tenantId?: string | null;
  @Field(() => String, { nullable: true, description: "client-secret: the application (client) id; managed-identity: a user-assigned identity's client id (optional)." })
  clientId?: string | null;
  @Field(() => String, { nullable: true, description: "client-secret: the client secret. Write-only." }) @Directive(SECRET) clientSecret?: string | null;
  @Field(() => String, { nullable: true, description: "static-token: the bearer token. For tests and the local emulator only. Write-only." }) @Directive(SECRET)
  token?: string | null;
}

@InputType()
export class SetRelayManagementAccessInput {
  @Field({ description: "Relay namespace host as in the registrations, e.g. contoso.servicebus.windows.net." }) namespace!: string;
  @Field() subscriptionId!: string;
  @Field() resourceGroup!: string;
  @Field({ description: "The namespace's resource name (contoso)." }) namespaceName!: string;
  @Field(() => String, { nullable: true, description: "Azure Resource Manager base URL (https only). Default https://management.azure.com." }) endpoint?: string | null;
  @Field(() => String, { nullable: true, description: "PEM of a CA to trust for this endpoint only (the local emulator's). Default: the public CAs." })
  caCertificate?: string | null;
  @Field(() => RelayCredentialInput) credential!: RelayCredentialInput;
}
