/** On a fresh data folder, adds "Sample (emulator)": the emulator's `ecs-core` hybrid connection → the sample service. */
import type { RelayEmulator } from "../../server/emulator";
import type { ReferenceHost } from "../../server/host/reference/host";

export interface DemoRegistration {
  added: boolean;
  count: number;
}

export async function addDemoRegistrationOnce(host: ReferenceHost, emulator: RelayEmulator): Promise<DemoRegistration> {
  const list = await graphql(host, "{ relayRegistrations { id } }");
  const count = (list.data?.relayRegistrations as unknown[] | undefined)?.length ?? 0;
  if (count > 0) return { added: false, count };
  const listen = emulator.connectionStrings().find((c) => c.policy === "ecs-core-listen");
  if (!listen) return { added: false, count };
  const added = await graphql(host, "mutation($cs: String!) { addRelayRegistration(input: { connectionString: $cs, name: \"Sample (emulator)\", hybridConnectionName: \"ecs-core\" }) { id } }", { cs: listen.connectionString });
  if (added.errors) throw new Error(`could not add the demo registration: ${JSON.stringify(added.errors)}`);
  return { added: true, count: 1 };
}

async function graphql(host: ReferenceHost, query: string, variables?: Record<string, unknown>): Promise<{ data?: Record<string, unknown>; errors?: unknown }> {
  const res = await fetch(`${host.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${host.adminToken}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
}
