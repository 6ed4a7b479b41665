/** The end-to-end probe through GraphQL, for the probe suites (test/plugin/probe/). */
import type { RelayStack } from "./stack";

export const PROBE_FIELDS = `registrationId ok at roundTripMs answeredBy grantedOn notGranted hops { name outcome ms clockSourced } problem { code message advice }`;

export interface ProbeView {
  ok: boolean;
  at: string;
  roundTripMs: number | null;
  answeredBy: string | null;
  grantedOn: string[];
  notGranted: string[];
  hops: Array<{ name: string; outcome: string; ms: number | null; clockSourced: boolean }>;
  problem: { code: string; message: string; advice: string } | null;
}

/** Anything that runs GraphQL as the admin: a TestHost, a farm's ChildHost. */
interface AdminGql {
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<{ body: { data?: T | null; errors?: unknown } }>;
}

/** Runs probeRelayRegistration as the admin; throws on a GraphQL error. */
export function probe(stack: RelayStack, id: string): Promise<ProbeView> {
  return probeOn(stack.host, id);
}

/** Runs probeRelayRegistration as the admin on `host` (e.g. one host of a farm); throws on a GraphQL error. */
export async function probeOn(host: AdminGql, id: string): Promise<ProbeView> {
  const { body } = await host.gql<{ probeRelayRegistration: ProbeView }>(`mutation($id: ID!) { probeRelayRegistration(id: $id) { ${PROBE_FIELDS} } }`, { id });
  if (!body.data) throw new Error(`probeRelayRegistration failed: ${JSON.stringify(body.errors)}`);
  return body.data.probeRelayRegistration;
}

/** The registration's lastProbe (null before the first). */
export async function lastProbe(stack: RelayStack, id: string): Promise<ProbeView | null> {
  const { body } = await stack.host.gql<{ relayRegistration: { lastProbe: ProbeView | null } }>(`query($id: ID!) { relayRegistration(id: $id) { lastProbe { ${PROBE_FIELDS} } } }`, { id });
  return body.data?.relayRegistration.lastProbe ?? null;
}
