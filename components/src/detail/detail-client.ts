/**
 * The detail view's server calls over the tab's GraphQL client (typed documents generated from
 * components/src/graphql/detail*.graphql) and the graphql-ws feed for the live tail.
 */
import type { GraphQLClient } from "../graphql-client";
import { ProbeRelayRegistrationDocument, RelayPermissionsDocument, RelayProbeInfoDocument, RelayTargetHealthDocument } from "../generated/graphql";
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
    async probeInfo(id) {
      const r = (await client.request(RelayProbeInfoDocument, { id })).relayRegistration;
      return r ? { settings: r.probe, lastProbe: r.lastProbe } : null;
    },
    async probe(id) {
      return (await client.request(ProbeRelayRegistrationDocument, { id })).probeRelayRegistration;
    },
  };
}
