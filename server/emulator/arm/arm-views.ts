/** The JSON shapes of api-version 2017-04-01 (relay-protocol-notes.md §6), built from the live emulator namespace. */
import type { EmulatorNamespace, HybridConnection, SasRule } from "../namespace";

/** Where the namespace sits in ARM: the parts of every resource id. */
export interface ArmScope {
  subscriptionId: string;
  resourceGroup: string;
  namespaceName: string;
  /** Azure region shown on the namespace. */
  location: string;
  /** What goes after `Endpoint=sb://` in connection strings (the emulator's `127.0.0.1:PORT`). */
  namespaceHost: () => string;
  /** Appended to connection strings, e.g. `;UseDevelopmentEmulator=true`. */
  connectionStringSuffix: string;
}

type Json = Record<string, unknown>;

export function namespaceId(s: ArmScope): string {
  return `/subscriptions/${s.subscriptionId}/resourceGroups/${s.resourceGroup}/providers/Microsoft.Relay/namespaces/${s.namespaceName}`;
}

export function namespaceView(s: ArmScope, ns: EmulatorNamespace, createdAt: Date): Json {
  return {
    id: namespaceId(s),
    name: s.namespaceName,
    type: "Microsoft.Relay/Namespaces",
    location: s.location,
    tags: {},
    sku: { name: "Standard", tier: "Standard" },
    properties: {
      provisioningState: "Succeeded",
      createdAt: createdAt.toISOString(),
      updatedAt: createdAt.toISOString(),
      serviceBusEndpoint: `https://${ns.fqdn}:443/`,
      metricId: `${s.subscriptionId}:${s.namespaceName}`,
    },
  };
}

export function hybridConnectionView(s: ArmScope, ns: EmulatorNamespace, hc: HybridConnection): Json {
  return {
    id: `${namespaceId(s)}/hybridConnections/${hc.name}`,
    name: hc.name,
    type: "Microsoft.Relay/Namespaces/HybridConnections",
    properties: {
      createdAt: hc.createdAt.toISOString(),
      updatedAt: hc.updatedAt.toISOString(),
      // Live: the listeners connected now (minus any hidden by the half-open fault).
      listenerCount: ns.listenerCount(hc.name),
      requiresClientAuthorization: hc.requiresClientAuthorization,
      userMetadata: hc.userMetadata,
    },
  };
}

export function ruleView(s: ArmScope, rule: SasRule): Json {
  const parent = rule.hybridConnection ? `${namespaceId(s)}/hybridConnections/${rule.hybridConnection}` : namespaceId(s);
  return {
    id: `${parent}/authorizationRules/${rule.name}`,
    name: rule.name,
    type: rule.hybridConnection ? "Microsoft.Relay/Namespaces/HybridConnections/AuthorizationRules" : "Microsoft.Relay/Namespaces/AuthorizationRules",
    properties: { rights: [...rule.rights] },
  };
}

export function accessKeysView(s: ArmScope, rule: SasRule): Json {
  const cs = (key: string) =>
    `Endpoint=sb://${s.namespaceHost()}/;SharedAccessKeyName=${rule.name};SharedAccessKey=${key}` +
    (rule.hybridConnection ? `;EntityPath=${rule.hybridConnection}` : "") +
    s.connectionStringSuffix;
  return {
    keyName: rule.name,
    primaryKey: rule.primaryKey,
    secondaryKey: rule.secondaryKey,
    primaryConnectionString: cs(rule.primaryKey),
    secondaryConnectionString: cs(rule.secondaryKey),
  };
}

export function listView(value: unknown[]): Json {
  return { value };
}
