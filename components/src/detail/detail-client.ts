/**
 * The detail view's server calls over the tab's GraphQL client (typed documents generated from
 * components/src/graphql/detail*.graphql) and the graphql-ws feed for the live tail.
 */
import type { GraphQLClient } from "../graphql-client";
import {
  ProbeRelayRegistrationDocument,
  RelayPermissionsDocument,
  RelayProbeInfoDocument,
  RelayRequestRecordedDocument,
  RelayRequestsDocument,
  RelayStatusHistoryDocument,
  RelayTargetHealthDocument,
  RelayTrafficSeriesDocument,
  ReplayRelayRequestDocument,
} from "../generated/graphql";
import { startLiveFeed } from "../status-subscription";
import type { DetailApi, TargetHealthInfo } from "./detail-api";

export function createDetailClient(client: GraphQLClient): DetailApi {
  return {
    async permissions() {
      return (await client.request(RelayPermissionsDocument)).relayPermissions;
    },
    async targetHealth(id): Promise<TargetHealthInfo | null> {
      const r = (await client.request(RelayTargetHealthDocument, { id })).relayRegistration;
      return r ? { targetUrl: r.targetUrl, settings: r.targetHealth, check: r.targetHealthCheck } : null;
    },
    async traffic(id, minutes) {
      return (await client.request(RelayTrafficSeriesDocument, { id, minutes })).relayTrafficSeries;
    },
    async requests(id, filter) {
      return (await client.request(RelayRequestsDocument, { id, filter })).relayRequests;
    },
    tail(id, handlers) {
      return startLiveFeed(RelayRequestRecordedDocument, { id }, {
        onEvent: (data) => handlers.onEntry(data.relayRequestRecorded),
        onReconnected: handlers.onReconnected,
        onInterrupted: () => undefined,
      });
    },
    async replay(id, requestId) {
      return (await client.request(ReplayRelayRequestDocument, { id, requestId })).replayRelayRequest;
    },
    async history(id) {
      return (await client.request(RelayStatusHistoryDocument, { id })).relayRegistration?.history ?? null;
    },
    async probeInfo(id) {
      const r = (await client.request(RelayProbeInfoDocument, { id })).relayRegistration;
      return r ? { settings: r.probe, lastProbe: r.lastProbe } : null;
    },
    async probe(id) {
      return (await client.request(ProbeRelayRegistrationDocument, { id })).probeRelayRegistration;
    },
  };
}
