/** Building a namespace from a JSON config (file or object); the default namespace used by the CLI and `npm start`. */
import { readFileSync } from "node:fs";
import { EmulatorNamespace, NamespaceConfig } from "./namespace";

export const ROOT_RULE = "RootManageSharedAccessKey";
export const DEFAULT_HYBRID_CONNECTION = "ecs-core";
export const DEFAULT_LISTEN_RULE = "ecs-core-listen";
export const DEFAULT_SEND_RULE = "ecs-core-send";

/** `ecs-core` with a Listen-only and a Send-only namespace rule beside the root rule. */
export function defaultNamespaceConfig(): NamespaceConfig {
  return {
    name: "emulator",
    hybridConnections: [{ name: DEFAULT_HYBRID_CONNECTION }],
    rules: [
      { name: DEFAULT_LISTEN_RULE, rights: ["Listen"] },
      { name: DEFAULT_SEND_RULE, rights: ["Send"] },
    ],
  };
}

/** A fresh namespace always has the root rule (as Azure's), unless the config defines it (e.g. to pin its keys). */
export function buildNamespace(config: NamespaceConfig = defaultNamespaceConfig()): EmulatorNamespace {
  const ns = new EmulatorNamespace(config.name);
  if (!config.rules?.some((r) => r.name === ROOT_RULE)) ns.addRule({ name: ROOT_RULE, rights: ["Manage", "Listen", "Send"] });
  for (const hc of config.hybridConnections ?? []) ns.addHybridConnection(hc);
  for (const rule of config.rules ?? []) ns.addRule(rule);
  return ns;
}

export function loadConfigFile(path: string): NamespaceConfig {
  const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`${path}: expected a JSON object`);
  return parsed as NamespaceConfig;
}
