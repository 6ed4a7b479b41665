/** The reference host's services as tests and tools see them: the host-wide ones, per-plugin views and role callers. */
import type { Caller, HostServices } from "../contract";
import { ANONYMOUS } from "./auth";
import type { HostWideServices } from "./host-wide-services";
import type { LoadedManifest } from "./manifest-types";
import { servicesForPlugin } from "./plugin-services";
import type { Role } from "./roles";

/** Host-wide services, exposed for tests and tools (never handed to plugins as such). */
export interface ReferenceHostServices extends HostWideServices {
  /** A fresh HostServices scoped to the loaded plugin `pluginId`: exactly what its `activate` receives. */
  forPlugin(pluginId: string): HostServices;
  /** A caller holding `role` (as a bearer token would give). */
  callerFor(role: Role | "anonymous"): Caller;
  plugins: LoadedManifest[];
}

/** The services as tests and tools see them, plus per-plugin views and role callers. */
export function exposeServices(shared: HostWideServices, plugins: LoadedManifest[]): ReferenceHostServices {
  return {
    ...shared,
    plugins,
    forPlugin(pluginId) {
      const loaded = plugins.find((p) => p.manifest.id === pluginId);
      if (!loaded) throw new Error(`no plugin "${pluginId}" is loaded`);
      return servicesForPlugin(shared, loaded.manifest);
    },
    callerFor(role) {
      return role === "anonymous" ? ANONYMOUS : { id: `${role}-token`, kind: "token", roles: [role] };
    },
  };
}
