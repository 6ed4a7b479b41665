/** Data-plane tuning from host configuration (`azure-relay.<key>`); unset keys keep the worker's defaults. */
import type { HostConfig } from "../host/contract";
import type { DataPlaneOptions, TargetGuardSettings } from "../relay/protocol";
import { parseAllowList } from "../relay/target-rules";

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
  options.targetGuard = targetGuardSettingsFrom(config);
  return options;
}

/**
 * The target guard's settings: `azure-relay.targetAllow` (comma- or space-separated addresses and CIDRs exempt from
 * the deny list; default none) and the host's own sockets from the contract (absent on a 1.0 host: then only the
 * address deny list applies). A malformed entry stops activation with a message naming it.
 */
export function targetGuardSettingsFrom(config: HostConfig): TargetGuardSettings {
  const allow = (config.get("targetAllow") ?? "").split(/[\s,]+/).filter(Boolean);
  try {
    parseAllowList(allow);
  } catch (error) {
    throw new Error(`Setting azure-relay.${(error as Error).message}`);
  }
  const hostEndpoints = (config.listenAddresses ?? []).map(({ address, port }) => ({ address, port }));
  return { allow, hostEndpoints };
}
