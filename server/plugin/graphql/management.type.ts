/** GraphQL views of management access and of securing a registration. Never a secret: kinds, ids and fingerprints only. */
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { RelayRegistration } from "./relay-registration.type";

export enum RelayCredentialKind {
  ENVIRONMENT = "environment",
  CLIENT_SECRET = "client-secret",
  MANAGED_IDENTITY = "managed-identity",
  STATIC_TOKEN = "static-token",
}
registerEnumType(RelayCredentialKind, {
  name: "RelayCredentialKind",
  description: "Where the plugin gets its Azure Resource Manager token.",
  valuesConfig: {
    ENVIRONMENT: { description: "The host process's AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET (EnvironmentCredential)." },
    CLIENT_SECRET: { description: "A service principal's tenant id, client id and client secret (the secret is sealed)." },
    MANAGED_IDENTITY: { description: "The Azure managed identity of the machine (optionally a user-assigned client id)." },
    STATIC_TOKEN: { description: "A fixed bearer token (sealed). For tests and the local emulator only: Azure AD tokens expire within about an hour." },
  },
});

@ObjectType({ simpleResolvers: true, description: "How the plugin reaches Azure Resource Manager for one relay namespace. Secrets are never returned." })
export class RelayManagementAccess {
  @Field({ description: "Relay namespace host, as in the registrations." }) namespace!: string;
  @Field() subscriptionId!: string;
  @Field() resourceGroup!: string;
  @Field({ description: "The namespace's resource name." }) namespaceName!: string;
  @Field({ description: "Azure Resource Manager base URL." }) endpoint!: string;
  @Field({ description: "A custom CA certificate is trusted for this endpoint (e.g. the local emulator's)." }) trustsCustomCa!: boolean;
  @Field(() => RelayCredentialKind) credentialKind!: RelayCredentialKind;
  @Field(() => String, { nullable: true }) tenantId!: string | null;
  @Field(() => String, { nullable: true }) clientId!: string | null;
  @Field(() => String, { nullable: true, description: "Fingerprint of the sealed client secret or token, to tell them apart." }) secretFingerprint!: string | null;
  @Field() updatedAt!: Date;
  @Field() updatedBy!: string;
}

@ObjectType({ simpleResolvers: true, description: "What secureRelayRegistration did." })
export class SecureRegistrationReport {
  @Field(() => RelayRegistration, { description: "The registration, now on the Listen-only rule." }) registration!: RelayRegistration;
  @Field({ description: "The Listen-only rule on the hybrid connection." }) ruleName!: string;
  @Field({ description: "The key name the registration used before." }) previousKeyName!: string;
  @Field({ description: "Rights the previous key had, as Azure reports them." }) previousRights!: string;
  @Field({ description: "Fingerprint of the new key." }) keyFingerprint!: string;
  @Field(() => [String], { description: "Each step taken, in order." }) steps!: string[];
  @Field({ description: "One sentence for the admin." }) summary!: string;
}
