/**
 * Gives the demo's emulator namespace management access through the emulator's Azure Resource Manager surface, so the
 * tab's Azure column is live in the tour (listener counts, half-open and foreign-listener checks, Secure this
 * registration). Done at every start: the ARM endpoint's port and self-signed CA are new each time. The credential is
 * a static token (the emulator accepts any bearer token; never use this kind against Azure).
 */
import type { RelayEmulator } from "../../server/emulator";
import type { ReferenceHost } from "../../server/host/reference/host";

const SET_ACCESS = "mutation($input: SetRelayManagementAccessInput!) { setRelayManagementAccess(input: $input) { namespace } }";

/** True when access was set; false (with the reason logged) when the emulator has no ARM surface or the host refused. */
export async function configureEmulatorManagementAccess(host: ReferenceHost, emulator: RelayEmulator): Promise<boolean> {
  const arm = emulator.arm;
  if (!arm) return false;
  const input = {
    namespace: emulator.namespaceHost,
    subscriptionId: arm.subscriptionId,
    resourceGroup: arm.resourceGroup,
    namespaceName: arm.namespaceName,
    endpoint: arm.url,
    caCertificate: arm.caCert,
    credential: { kind: "STATIC_TOKEN", token: "emulator-demo-token" },
  };
  const res = await fetch(`${host.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${host.adminToken}` },
    body: JSON.stringify({ query: SET_ACCESS, variables: { input } }),
  });
  const body = (await res.json()) as { errors?: Array<{ message: string }> };
  if (body.errors) console.error(`could not set up management access for the emulator: ${body.errors.map((e) => e.message).join("; ")}`);
  return !body.errors;
}
