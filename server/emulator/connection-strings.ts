/** Ready-to-paste connection strings for every rule (namespace scope; entity scope adds `EntityPath`). */
import type { AccessRight, EmulatorNamespace } from "./namespace";

export interface EmulatorConnectionString {
  policy: string;
  rights: AccessRight[];
  /** Set for rules scoped to one hybrid connection. */
  hybridConnection?: string;
  connectionString: string;
}

export function connectionStrings(ns: EmulatorNamespace, namespaceHost: string): EmulatorConnectionString[] {
  return ns.listRules().map((rule) => {
    const entity = rule.hybridConnection ? `;EntityPath=${rule.hybridConnection}` : "";
    const cs =
      `Endpoint=sb://${namespaceHost}/;SharedAccessKeyName=${rule.name};SharedAccessKey=${rule.primaryKey}` +
      `;UseDevelopmentEmulator=true${entity}`;
    return {
      policy: rule.name,
      rights: [...rule.rights],
      ...(rule.hybridConnection ? { hybridConnection: rule.hybridConnection } : {}),
      connectionString: cs,
    };
  });
}
