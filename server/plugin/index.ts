/** Server entry of the Azure Relay plugin (plugin.json `server.entry`). The host calls `activate` with its services. */
import "reflect-metadata";
import type { HostServices, PluginInstance } from "../host/contract";
import { RelayPlugin } from "./relay-plugin";

export { STATUS_CHANGED_EVENT, type RelayStatusChangedV1 } from "./status-events";

export async function activate(host: HostServices): Promise<PluginInstance> {
  return RelayPlugin.activate(host);
}
