/** Loads a plugin's server entry (relative to its manifest folder) and activates it. */
import * as path from "node:path";
import type { HostServices, PluginInstance } from "../contract";
import type { LoadedManifest } from "./manifest-types";

export interface ActivePlugin {
  loaded: LoadedManifest;
  instance: PluginInstance;
}

interface LoosePluginModule {
  activate?: (host: HostServices) => Promise<PluginInstance | void>;
  /** Older shape (module-level deactivate); used only when activate returns no instance. */
  deactivate?: () => Promise<void>;
}

/** Requires `server.entry`, awaits `activate(services)` and keeps the returned instance for deactivation. */
export async function activatePlugin(loaded: LoadedManifest, services: HostServices): Promise<ActivePlugin> {
  const id = loaded.manifest.id;
  const entry = path.resolve(loaded.dir, loaded.manifest.server.entry);
  if (!entry.startsWith(loaded.dir + path.sep)) throw new Error(`plugin "${id}": server.entry leaves the plugin folder`);
  let mod: LoosePluginModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(entry) as LoosePluginModule;
  } catch (error) {
    throw new Error(`plugin "${id}": cannot load server.entry ${loaded.manifest.server.entry}: ${(error as Error).message}`, { cause: error });
  }
  if (typeof mod.activate !== "function") throw new Error(`plugin "${id}": ${loaded.manifest.server.entry} must export activate(host)`);
  const returned = await mod.activate(services);
  if (returned && typeof returned.deactivate === "function") return { loaded, instance: returned };
  const moduleDeactivate = mod.deactivate;
  if (typeof moduleDeactivate === "function") return { loaded, instance: { deactivate: () => moduleDeactivate() } };
  throw new Error(`plugin "${id}": activate(host) must return an instance with deactivate()`);
}
