/**
 * The relay stack (emulator + sample service + host with the plugin) plus the emulator namespace's ARM endpoint,
 * a real @azure/arm-relay client for the test's own checks, and GraphQL helpers for management access and relays.
 * Suspicion grace defaults to 0 here (end-to-end tests check the flags, not the timing; relay-view.test.ts checks
 * the grace period with an injected clock).
 */
import { RelayAPI } from "@azure/arm-relay";
import { startArmEndpoint, type ArmEndpoint } from "../../../server/emulator/arm/arm-endpoint";
import { StaticTokenCredential } from "../../../server/plugin/management/static-token-credential";
import { emulatorAdmin } from "../../support/emulator";
import type { TestHost } from "../../support/host";
import { startRelayStack, type RelayStack } from "../../support/stack";
import { waitUntil } from "../../support/eventually";

export const TEST_TOKEN = "arm-test-token-0123456789";

export interface GqlBody {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

export interface ArmStack extends RelayStack {
  arm: ArmEndpoint;
  /** The real SDK client, as an admin's script would use it. */
  client: RelayAPI;
  gql(query: string, variables?: Record<string, unknown>, host?: TestHost, token?: string | null): Promise<GqlBody>;
  /** setRelayManagementAccess for the emulator namespace with a static token; returns the mutation's body. */
  configureAccess(host?: TestHost): Promise<GqlBody>;
  relays(host?: TestHost): Promise<any[]>;
  relay(name: string, host?: TestHost): Promise<any>;
  hideListeners(hybridConnection: string): Promise<void>;
}

export const RELAY_FIELDS =
  "id name namespace source existsInAzure listenerCount ourListenersOnline requiresClientAuthorization userMetadata createdAt updatedAt " +
  "halfOpenSuspected halfOpenAdvice foreignListenersSuspected foreignListenersAdvice managementError registrations { id keyName }";

export const SET_ACCESS = `mutation($input: SetRelayManagementAccessInput!) { setRelayManagementAccess(input: $input) {
  namespace subscriptionId resourceGroup namespaceName endpoint trustsCustomCa credentialKind tenantId clientId secretFingerprint updatedBy } }`;

export async function startArmStack(options: { hostEnv?: Record<string, string> } = {}): Promise<ArmStack> {
  const stack = await startRelayStack({ hostEnv: { ECS_PLUGIN_AZURE_RELAY_MANAGEMENT_SUSPICIONGRACEMS: "0", ...options.hostEnv } });
  const emu = stack.emulator;
  const arm = await startArmEndpoint({
    namespace: emu.namespace,
    subscriptionId: "sub-test",
    resourceGroup: "rg-test",
    namespaceHost: () => emu.namespaceHost,
    connectionStringSuffix: ";UseDevelopmentEmulator=true",
  });
  const client = new RelayAPI(new StaticTokenCredential(TEST_TOKEN), arm.subscriptionId, {
    endpoint: arm.url,
    credentialScopes: [`${arm.url}/.default`],
    tlsOptions: { ca: arm.caCert },
  });
  const gql = async (query: string, variables?: Record<string, unknown>, host = stack.host, token?: string | null) =>
    (await host.gql(query, variables, token === undefined ? {} : { token })).body as GqlBody;
  const self: ArmStack = {
    ...stack,
    arm,
    client,
    gql,
    configureAccess: (host = stack.host) =>
      gql(SET_ACCESS, { input: accessInput(emu.namespaceHost, arm) }, host),
    relays: async (host = stack.host) => {
      const body = await gql(`{ relays { ${RELAY_FIELDS} } }`, undefined, host);
      if (!body.data) throw new Error(`relays failed: ${JSON.stringify(body.errors)}`);
      return body.data.relays as any[];
    },
    relay: async (name, host) => (await self.relays(host)).find((r) => r.name === name),
    hideListeners: async (hybridConnection) => {
      const res = await emulatorAdmin(emu, "POST", "faults/hide-listeners", { hybridConnection });
      if (res.status !== 200) throw new Error(`hide-listeners: ${res.status}`);
    },
    stop: async () => {
      await stack.stop();
      await arm.stop();
    },
  };
  return self;
}

export function accessInput(namespace: string, arm: ArmEndpoint): Record<string, unknown> {
  return {
    namespace,
    subscriptionId: arm.subscriptionId,
    resourceGroup: arm.resourceGroup,
    namespaceName: arm.namespaceName,
    endpoint: arm.url,
    caCertificate: arm.caCert,
    credential: { kind: "STATIC_TOKEN", token: TEST_TOKEN },
  };
}

/** Polls `check` until it returns true; throws when it never does (test/support/eventually.ts). */
export const eventually = (check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> => waitUntil("condition", check, timeoutMs, 50);
