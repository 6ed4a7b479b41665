/**
 * The registrations operations the tab uses, over a `GraphQLClient`. The documents are
 * components/src/graphql/registrations.graphql; their types are generated from the SDL (`npm run schema`),
 * so the names below are aliases of generated types, never copies.
 */
import type { GraphQLClient } from "./graphql-client";
import {
  AddRelayRegistrationDocument,
  CheckRelayConnectionStringDocument,
  ClearConsumerWebsiteCachesDocument,
  LiveRelayRegistrationsDocument,
  RelayRegistrationsDocument,
  RemoveRelayRegistrationDocument,
  RestartRelayListenerDocument,
  RestartRelayListenerOnHostDocument,
  UpdateRelayRegistrationDocument,
  type AddRelayRegistrationInput,
  type CheckRelayConnectionStringQuery,
  type ClearConsumerWebsiteCachesMutation,
  type LiveRegistrationFieldsFragment,
  type RegistrationFieldsFragment,
  type RelayStatusChangedSubscription,
  type RelayStatusFieldsFragment,
  type RelayTrafficFieldsFragment,
  type UpdateRelayRegistrationInput,
} from "./generated/graphql";

import { RelayState } from "./generated/graphql";

export { RelayState } from "./generated/graphql";
/** Every state, in the SDL's order. */
export const RELAY_STATES: readonly RelayState[] = Object.values(RelayState);
export type { AddRelayRegistrationInput, UpdateRelayRegistrationInput } from "./generated/graphql";
export type RelayRegistration = RegistrationFieldsFragment;
export type RelayStatus = RelayStatusFieldsFragment;
export type RelayTraffic = RelayTrafficFieldsFragment;
/** Only what changes on its own (status and traffic). */
export type LiveFields = LiveRegistrationFieldsFragment;
export type ConnectionStringCheck = CheckRelayConnectionStringQuery["checkRelayConnectionString"];
export type ConnectionStringProblem = ConnectionStringCheck["problems"][number];
export type ClearConsumerCachesReport = ClearConsumerWebsiteCachesMutation["clearConsumerWebsiteCaches"];
export type RelayStatusEvent = RelayStatusChangedSubscription["relayStatusChanged"];

export class RegistrationsClient {
  constructor(private readonly client: GraphQLClient) {}

  async list(): Promise<RelayRegistration[]> {
    return (await this.client.request(RelayRegistrationsDocument)).relayRegistrations;
  }

  /** Only what changes on its own (status and traffic): the light periodic refresh. */
  async live(): Promise<LiveFields[]> {
    return (await this.client.request(LiveRelayRegistrationsDocument)).relayRegistrations;
  }

  async check(connectionString: string): Promise<ConnectionStringCheck> {
    return (await this.client.request(CheckRelayConnectionStringDocument, { connectionString })).checkRelayConnectionString;
  }

  async add(input: AddRelayRegistrationInput): Promise<RelayRegistration> {
    return (await this.client.request(AddRelayRegistrationDocument, { input })).addRelayRegistration;
  }

  async update(id: string, input: UpdateRelayRegistrationInput): Promise<RelayRegistration> {
    return (await this.client.request(UpdateRelayRegistrationDocument, { id, input })).updateRelayRegistration;
  }

  async remove(id: string): Promise<string> {
    return (await this.client.request(RemoveRelayRegistrationDocument, { id })).removeRelayRegistration;
  }

  async restart(id: string): Promise<RelayRegistration> {
    return (await this.client.request(RestartRelayListenerDocument, { id })).restartRelayListener;
  }

  /** Restarts the registration's listener on one host of the web farm (FARM_HOST_NOT_FOUND, FARM_HOST_NOT_ANSWERING). */
  async restartOnHost(id: string, hostId: string): Promise<void> {
    await this.client.request(RestartRelayListenerOnHostDocument, { id, hostId });
  }

  async clearConsumerCaches(): Promise<ClearConsumerCachesReport> {
    return (await this.client.request(ClearConsumerWebsiteCachesDocument)).clearConsumerWebsiteCaches;
  }
}
