/**
 * The Azure view's operations, typed, over a `GraphQLClient`: one query for the whole view (each
 * registration's relay, key rights and recommendation, plus management access), and the three mutations.
 */
import type { GraphQLClient } from "../graphql-client";
import { REGISTRATION_FIELDS } from "../relay-api";
import type { RegistrationAzure, RelayManagementAccess, SecureRegistrationReport, SetManagementAccessInput } from "./azure-types";

const RELAY = `id name namespace source existsInAzure listenerCount ourListenersOnline halfOpenSuspected halfOpenAdvice foreignListenersSuspected foreignListenersAdvice managementError`;
const ACCESS = `namespace subscriptionId resourceGroup namespaceName endpoint trustsCustomCa credentialKind tenantId clientId secretFingerprint updatedAt updatedBy`;

export interface AzureViewData {
  registrations: RegistrationAzure[];
  access: RelayManagementAccess[];
}

export class AzureApi {
  constructor(private readonly client: GraphQLClient) {}

  async view(): Promise<AzureViewData> {
    const data = await this.client.request<{ relayRegistrations: RegistrationAzure[]; relayManagementAccess: RelayManagementAccess[] }>(
      `query AzureView { relayRegistrations { id keyRights secureRecommended relay { ${RELAY} } } relayManagementAccess { ${ACCESS} } }`,
    );
    return { registrations: data.relayRegistrations, access: data.relayManagementAccess };
  }

  async setAccess(input: SetManagementAccessInput): Promise<RelayManagementAccess> {
    const data = await this.client.request<{ setRelayManagementAccess: RelayManagementAccess }>(
      `mutation SetAccess($input: SetRelayManagementAccessInput!) { setRelayManagementAccess(input: $input) { ${ACCESS} } }`,
      { input },
    );
    return data.setRelayManagementAccess;
  }

  async removeAccess(namespace: string): Promise<boolean> {
    const data = await this.client.request<{ removeRelayManagementAccess: boolean }>(
      `mutation RemoveAccess($namespace: String!) { removeRelayManagementAccess(namespace: $namespace) }`,
      { namespace },
    );
    return data.removeRelayManagementAccess;
  }

  async secure(id: string): Promise<SecureRegistrationReport> {
    const data = await this.client.request<{ secureRelayRegistration: SecureRegistrationReport }>(
      `mutation Secure($id: ID!) { secureRelayRegistration(id: $id) { registration { ${REGISTRATION_FIELDS} } ruleName previousKeyName previousRights keyFingerprint steps summary } }`,
      { id },
    );
    return data.secureRelayRegistration;
  }
}
