/**
 * The Azure Relay operations the tab uses, typed, over a `GraphQLClient`. Documents are spelled out here so
 * the selection sets stay next to the types they fill (types.ts).
 */
import type { GraphQLClient } from "./graphql-client";
import type {
  AddRegistrationInput,
  ClearConsumerCachesReport,
  ConnectionStringCheck,
  RelayRegistration,
  RelayStatus,
  RelayTraffic,
  UpdateRegistrationInput,
} from "./types";

const STATUS = `status { state since attempt nextRetryAt lastError { code message advice } }`;
const TRAFFIC = `traffic { requests failedRequests { total } bytesIn bytesOut lastRequestAt latencyMs { p50 p95 p99 } }`;
const REGISTRATION = `id name namespace hybridConnectionName keyName keyFingerprint targetUrl enabled createdAt updatedAt ${STATUS} ${TRAFFIC}`;
/** The same selection, for the Azure view's secure mutation (its report carries the registration). */
export const REGISTRATION_FIELDS = REGISTRATION;

export type LiveFields = Pick<RelayRegistration, "id"> & { status: RelayStatus; traffic: RelayTraffic };

export class RelayApi {
  constructor(private readonly client: GraphQLClient) {}

  async list(): Promise<RelayRegistration[]> {
    const data = await this.client.request<{ relayRegistrations: RelayRegistration[] }>(`query { relayRegistrations { ${REGISTRATION} } }`);
    return data.relayRegistrations;
  }

  /** Only what changes on its own (status and traffic): the light periodic refresh. */
  async live(): Promise<LiveFields[]> {
    const data = await this.client.request<{ relayRegistrations: LiveFields[] }>(`query { relayRegistrations { id ${STATUS} ${TRAFFIC} } }`);
    return data.relayRegistrations;
  }

  async check(connectionString: string): Promise<ConnectionStringCheck> {
    const data = await this.client.request<{ checkRelayConnectionString: ConnectionStringCheck }>(
      `query Check($cs: String!) { checkRelayConnectionString(connectionString: $cs) { valid namespace keyName keyFingerprint entityPath problems { field message } } }`,
      { cs: connectionString },
    );
    return data.checkRelayConnectionString;
  }

  async add(input: AddRegistrationInput): Promise<RelayRegistration> {
    const data = await this.client.request<{ addRelayRegistration: RelayRegistration }>(
      `mutation Add($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { ${REGISTRATION} } }`,
      { input },
    );
    return data.addRelayRegistration;
  }

  async update(id: string, input: UpdateRegistrationInput): Promise<RelayRegistration> {
    const data = await this.client.request<{ updateRelayRegistration: RelayRegistration }>(
      `mutation Update($id: ID!, $input: UpdateRelayRegistrationInput!) { updateRelayRegistration(id: $id, input: $input) { ${REGISTRATION} } }`,
      { id, input },
    );
    return data.updateRelayRegistration;
  }

  async remove(id: string): Promise<string> {
    const data = await this.client.request<{ removeRelayRegistration: string }>(`mutation Remove($id: ID!) { removeRelayRegistration(id: $id) }`, { id });
    return data.removeRelayRegistration;
  }

  async restart(id: string): Promise<RelayRegistration> {
    const data = await this.client.request<{ restartRelayListener: RelayRegistration }>(
      `mutation Restart($id: ID!) { restartRelayListener(id: $id) { ${REGISTRATION} } }`,
      { id },
    );
    return data.restartRelayListener;
  }

  async clearConsumerCaches(): Promise<ClearConsumerCachesReport> {
    const data = await this.client.request<{ clearConsumerWebsiteCaches: ClearConsumerCachesReport }>(
      `mutation { clearConsumerWebsiteCaches { caches { name entriesCleared } listeners { registrationId name restarted } durationMs } }`,
    );
    return data.clearConsumerWebsiteCaches;
  }
}

/** Text of the status subscription; every registration's changes. */
export const STATUS_SUBSCRIPTION = `subscription { relayStatusChanged { registrationId previousState ${STATUS} } }`;
