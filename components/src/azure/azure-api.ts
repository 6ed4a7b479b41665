/**
 * The Azure view's operations over a `GraphQLClient`: one query for the whole view (each registration's relay,
 * key rights and recommendation, plus management access), and the three mutations. Documents:
 * components/src/graphql/azure.graphql; the types below are aliases of the generated ones.
 */
import type { GraphQLClient } from "../graphql-client";
import {
  AzureViewDocument,
  RemoveRelayManagementAccessDocument,
  SecureRelayRegistrationDocument,
  SetRelayManagementAccessDocument,
  type ManagementAccessFieldsFragment,
  type RegistrationAzureFieldsFragment,
  type RelayFieldsFragment,
  type SecureRelayRegistrationMutation,
  type SetRelayManagementAccessInput,
} from "../generated/graphql";

import { RelayCredentialKind } from "../generated/graphql";

export { RelayCredentialKind, RelaySource } from "../generated/graphql";
/** Every credential kind, in the SDL's order (the dialog's choices). */
export const CREDENTIAL_KINDS: readonly RelayCredentialKind[] = Object.values(RelayCredentialKind);
export type { RelayCredentialInput, SetRelayManagementAccessInput } from "../generated/graphql";
/** A hybrid connection as Azure (or, without management access, our registrations) reports it. */
export type Relay = RelayFieldsFragment;
/** What the Azure column needs of one registration. */
export type RegistrationAzure = RegistrationAzureFieldsFragment;
export type RelayManagementAccess = ManagementAccessFieldsFragment;
export type SecureRegistrationReport = SecureRelayRegistrationMutation["secureRelayRegistration"];

export interface AzureViewData {
  registrations: RegistrationAzure[];
  access: RelayManagementAccess[];
}

export class AzureApi {
  constructor(private readonly client: GraphQLClient) {}

  async view(): Promise<AzureViewData> {
    const data = await this.client.request(AzureViewDocument);
    return { registrations: data.relayRegistrations, access: data.relayManagementAccess };
  }

  async setAccess(input: SetRelayManagementAccessInput): Promise<RelayManagementAccess> {
    return (await this.client.request(SetRelayManagementAccessDocument, { input })).setRelayManagementAccess;
  }

  async removeAccess(namespace: string): Promise<boolean> {
    return (await this.client.request(RemoveRelayManagementAccessDocument, { namespace })).removeRelayManagementAccess;
  }

  async secure(id: string): Promise<SecureRegistrationReport> {
    return (await this.client.request(SecureRelayRegistrationDocument, { id })).secureRelayRegistration;
  }
}
