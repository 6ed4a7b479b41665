/**
 * The emulator namespace `npm start` uses, saved (0600) in the data folder on first start so its keys — and with them
 * the registrations made against it — survive restarts. Delete the file to get fresh keys.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { defaultNamespaceConfig, loadConfigFile, ROOT_RULE } from "../../server/emulator/config";
import type { NamespaceConfig } from "../../server/emulator";
import type { RuleConfig } from "../../server/emulator/namespace";

export const EMULATOR_CONFIG_FILE = "emulator-namespace.json";

export function loadOrCreateEmulatorConfig(dataDir: string): NamespaceConfig {
  const file = join(dataDir, EMULATOR_CONFIG_FILE);
  if (existsSync(file)) return loadConfigFile(file);
  const config = defaultNamespaceConfig();
  const key = (): string => randomBytes(32).toString("base64");
  config.rules = [
    { name: ROOT_RULE, rights: ["Manage", "Listen", "Send"] as RuleConfig["rights"] },
    ...(config.rules ?? []),
  ].map((rule) => ({ ...rule, primaryKey: key(), secondaryKey: key() }));
  writeFileSync(file, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  return config;
}
