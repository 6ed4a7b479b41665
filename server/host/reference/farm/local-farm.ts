/** A farm of one: the embedded (SQLite) store is not shared, so changes and membership stay in this process. */
import type { FarmCore, HostFarm } from "./host-farm";

export function createLocalFarm(core: FarmCore): HostFarm {
  let version = 0;
  const ops = {
    announce: async (topic: string) => {
      version += 1;
      core.deliver({ version, topic, hostId: core.hostId });
      return version;
    },
    version: async () => version,
    records: async () => [core.record()],
    presenceChanged: () => undefined,
  };
  return {
    shared: false,
    start: async () => undefined,
    stop: async () => void core.handlers.clear(),
    forPlugin: (pluginId) => core.view(pluginId, false, ops),
  };
}
