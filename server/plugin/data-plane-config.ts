/** Data-plane tuning from host configuration (`azure-relay.<key>`); unset keys keep the worker's defaults. */
import type { HostConfig } from "../host/contract";
import type { DataPlaneOptions } from "../relay/protocol";

const NUMERIC_KEYS = ["maxBodyBytes", "targetTimeoutMs", "keepAliveMs", "tokenLifetimeSeconds"] as const;

export function dataPlaneOptionsFrom(config: HostConfig): DataPlaneOptions {
  const options: DataPlaneOptions = {};
  for (const key of NUMERIC_KEYS) {
    const raw = config.get(key);
    if (raw === undefined || raw.trim() === "") continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error(`Setting azure-relay.${key} is ${JSON.stringify(raw)} — use a positive number.`);
    }
    options[key] = value;
  }
  return options;
}
