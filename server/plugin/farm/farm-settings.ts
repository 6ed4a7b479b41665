/** Reads a numeric plugin setting of the farm (`azure-relay.farm.<key>`, env `ECS_PLUGIN_AZURE_RELAY_FARM_<KEY>`). */
import type { HostConfig } from "../../host/contract";

/** A whole number of milliseconds ≥ 50, or `fallback` when unset; throws naming the setting otherwise. */
export function farmSetting(config: HostConfig, key: string, fallback: number): number {
  const raw = config.get(key)?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 50) throw new Error(`Setting azure-relay.${key} is ${JSON.stringify(raw)} — use a whole number of milliseconds of at least 50.`);
  return value;
}
