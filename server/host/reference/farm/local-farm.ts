/** A farm of one: the embedded (SQLite) store is not shared, so changes and membership stay in this process. */
import type { FarmCore, FarmOps, HostFarm } from "./farm-core";
import { ReplyCollector, targetsOf } from "./farm-requests";

export function createLocalFarm(core: FarmCore): HostFarm {
  let version = 0;
  const locks = new Map<string, Promise<unknown>>();
  const ops: FarmOps = {
    available: () => true,
    announce: async (topic: string) => {
      version += 1;
      core.deliver({ version, topic, hostId: core.hostId });
      return version;
    },
    version: async () => version,
    records: async () => [core.record()],
    presenceChanged: () => undefined,
    // No other host to tell: a farm of one delivers nothing (the plugin delivers its own events itself).
    publishEvent: () => undefined,
    // One process: the lock is a queue per name.
    exclusive: <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const run = (locks.get(name) ?? Promise.resolve()).catch(() => undefined).then(work);
      const tail = run.catch(() => undefined);
      locks.set(name, tail);
      void tail.then(() => locks.get(name) === tail && locks.delete(name));
      return run;
    },
    // The only member is this host: it answers in-process, under the same deadline.
    request: async (pluginId, name, payload, options) => {
      const { asked, missing } = targetsOf([core.hostId], options.hostIds);
      const collector = new ReplyCollector(asked, options.deadlineMs, missing);
      if (asked.size > 0) void core.requests.answer(pluginId, name, payload, core.hostId).then((body) => collector.accept(core.hostId, body));
      return collector.outcome;
    },
  };
  return {
    shared: false,
    get condition() {
      return core.condition;
    },
    start: async () => undefined,
    stop: async () => {
      core.handlers.clear();
      core.eventHandlers.clear();
      core.conditionHandlers.clear();
    },
    forPlugin: (pluginId) => core.view(pluginId, false, ops),
  };
}
