/** The shape of plugin.json (validated by schema/plugin.schema.json). */

export interface SettingsTabContribution {
  id: string;
  parent: "settings";
  title: string;
  weight: number;
  element: string;
  permission: string;
}

export interface SystemOperationContribution {
  id: string;
  title: string;
  description: string;
  permission: string;
  confirm: boolean;
}

export interface EventContribution {
  id: string;
  description: string;
  payloadSchema: Record<string, unknown>;
}

export interface PermissionContribution {
  id: string;
  description: string;
  defaultRoles: string[];
}

export interface PluginManifest {
  id: string;
  name: string;
  version: string;
  description: string;
  host: { contract: string; services: string[] };
  server: { entry: string };
  graphql?: { schema: string };
  components?: { entry: string; elements: string[] };
  contributes?: {
    settingsTabs?: SettingsTabContribution[];
    systemOperations?: SystemOperationContribution[];
    events?: EventContribution[];
    permissions?: PermissionContribution[];
  };
}

/** A manifest together with the folder it was loaded from (paths in it are relative to that folder). */
export interface LoadedManifest {
  dir: string;
  manifest: PluginManifest;
}
