/**
 * Keeping an emulator namespace across restarts: its hybrid connections and rules (with their keys) as a
 * `NamespaceConfig`, written to a file (0600, replaced atomically) after every change. `npm start` keeps the file in
 * its data folder and `npm run emulator -- --config F --persist` in F, so hybrid connections created at run time
 * (admin API or ARM) are still there after a restart. The file holds keys: it is as secret as the keys themselves.
 */
import { renameSync, writeFileSync } from "node:fs";
import type { EmulatorNamespace, NamespaceConfig } from "./namespace";

/** The namespace as a config that recreates it (entities, rules, keys). */
export function namespaceSnapshot(ns: EmulatorNamespace): NamespaceConfig {
  return {
    name: ns.name,
    hybridConnections: ns.listHybridConnections().map(({ name, requiresClientAuthorization, userMetadata }) => ({ name, requiresClientAuthorization, userMetadata })),
    rules: ns.listRules().map(({ name, rights, primaryKey, secondaryKey, hybridConnection }) => ({
      name,
      rights: [...rights],
      ...(hybridConnection === undefined ? {} : { hybridConnection }),
      primaryKey,
      secondaryKey,
    })),
  };
}

/** Writes `config` to `file` (mode 0600) through a temporary file, so a crash never leaves half a file. */
export function writeNamespaceFile(file: string, config: NamespaceConfig): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  renameSync(temporary, file);
}

/** Saves the namespace to `file` after every change until disposed. */
export function saveNamespaceOnChange(ns: EmulatorNamespace, file: string, onError: (error: unknown) => void = () => undefined): { dispose(): void } {
  const save = (): void => {
    try {
      writeNamespaceFile(file, namespaceSnapshot(ns));
    } catch (error) {
      onError(error);
    }
  };
  ns.on("changed", save);
  return { dispose: () => void ns.off("changed", save) };
}
