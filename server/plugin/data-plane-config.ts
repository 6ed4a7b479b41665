/** Data-plane tuning from host configuration (`azure-relay.<key>`); unset keys keep the worker's defaults. */
import type { HostConfig } from "../host/contract";
import { ENGINE_NAMES as ENGINES, type DataPlaneOptions, type RelayEngineName, type TargetGuardSettings } from "../relay/protocol";
import { parseAllowList } from "../relay/target-rules";
import { journalSettingsFrom } from "./journal/journal-config";

const NUMERIC_KEYS = ["maxBodyBytes", "targetTimeoutMs", "keepAliveMs", "tokenLifetimeSeconds"] as const;
/** Keys that may be 0 (maxBodyBytes: 0 = no limit). */
const ZERO_ALLOWED: ReadonlySet<string> = new Set(["maxBodyBytes"]);

export function dataPlaneOptionsFrom(config: HostConfig): DataPlaneOptions {
  const options: DataPlaneOptions = {};
  for (const key of NUMERIC_KEYS) {
    const raw = config.get(key);
    if (raw === undefined || raw.trim() === "") continue;
    const value = Number(raw);
    const zeroOk = ZERO_ALLOWED.has(key);
    if (!Number.isFinite(value) || value < 0 || (value === 0 && !zeroOk)) {
      throw new Error(`Setting azure-relay.${key} is ${JSON.stringify(raw)} — use a positive number${zeroOk ? " (or 0 for no limit)" : ""}.`);
    }
    options[key] = value;
  }
  const engine = config.get("engine")?.trim();
  if (engine !== undefined && engine !== "") {
    if (!ENGINES.includes(engine as RelayEngineName)) {
      throw new Error(`Setting azure-relay.engine is ${JSON.stringify(engine)} — use ${ENGINES.join(" or ")}.`);
    }
    options.engine = engine as RelayEngineName;
  }
  const webSockets = config.get("webSockets")?.trim();
  if (webSockets !== undefined && webSockets !== "") {
    if (webSockets !== "pass" && webSockets !== "refuse") throw new Error(`Setting azure-relay.webSockets is ${JSON.stringify(webSockets)} — use pass or refuse.`);
    options.webSockets = webSockets;
  }
  options.targetGuard = targetGuardSettingsFrom(config);
  options.journal = journalSettingsFrom(config);
  const proxy = proxySettingsFrom(config);
  if (proxy) options.proxy = proxy;
  return options;
}

/**
 * The native engine's outbound proxy, overriding HTTPS_PROXY / NO_PROXY: `azure-relay.proxyUrl` (http://[user:password@]host:port;
 * a secret when it carries credentials: never echoed) and `azure-relay.proxyBypass` (NO_PROXY syntax). Unset: the
 * environment decides.
 */
export function proxySettingsFrom(config: HostConfig): { url?: string; noProxy?: string } | undefined {
  const url = config.get("proxyUrl")?.trim() || undefined;
  const noProxy = config.get("proxyBypass")?.trim();
  if (url === undefined && noProxy === undefined) return undefined;
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.protocol !== "http:" || !parsed.hostname) {
      throw new Error("Setting azure-relay.proxyUrl is not an http:// proxy URL — use http://host:port or http://user:password@host:port (the value is not repeated here: it may hold a password).");
    }
  }
  return { ...(url !== undefined ? { url } : {}), ...(noProxy !== undefined ? { noProxy } : {}) };
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
