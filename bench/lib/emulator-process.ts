/**
 * Child entry: the relay emulator in a process of its own, so its CPU share is measurable apart from the load
 * generator and the listeners. Hybrid connections beyond the defaults are added through its admin API.
 */
import { startEmulator, type ListenerLeft } from "../../server/emulator";
import { defaultNamespaceConfig } from "../../server/emulator/config";
import { gcHandler, memoryHandler, serveChild } from "./child-ipc";
import { BARE_HC, NATIVE_HC } from "./names";
import { startWindowProfile, stopWindowProfile } from "./window-profile";


export interface EmulatorInfo {
  port: number;
  namespaceHost: string;
  httpUrl: string;
  /** Listen-only / Send-only namespace rules. Keys travel over IPC only; nothing prints them. */
  listen: { keyName: string; key: string };
  send: { keyName: string; key: string };
  listenConnectionString: string;
}

void serveChild<EmulatorInfo>(async () => {
  const config = defaultNamespaceConfig();
  config.hybridConnections = [...(config.hybridConnections ?? []), { name: BARE_HC }, { name: NATIVE_HC }];
  // Listeners that left, with the requests they had in flight (the farm scenario's killed host).
  const departures: Array<ListenerLeft & { atMs: number }> = [];
  const emulator = await startEmulator({ config, onListenerLeft: (left) => departures.push({ ...left, atMs: Date.now() }) });
  const rule = (name: string) => {
    const r = emulator.namespace.getRule(name);
    if (!r) throw new Error(`the emulator has no rule ${name}`);
    return { keyName: r.name, key: r.primaryKey };
  };
  const listenCs = emulator.connectionStrings().find((c) => c.policy === "ecs-core-listen");
  if (!listenCs) throw new Error("the emulator has no ecs-core-listen connection string");
  return {
    info: {
      port: emulator.port,
      namespaceHost: emulator.namespaceHost,
      httpUrl: emulator.httpUrl,
      listen: rule("ecs-core-listen"),
      send: rule("ecs-core-send"),
      listenConnectionString: listenCs.connectionString,
    },
    handlers: {
      memory: memoryHandler,
      gc: gcHandler,
      profileStart: startWindowProfile,
      profileStop: stopWindowProfile,
      departures: (hc) => departures.filter((d) => d.hybridConnection === hc),
      listenerCount: (hc) => emulator.namespace.listenerCount(String(hc)),
    },
    cleanup: () => emulator.stop(),
  };
});
