/** Management access records in the plugin's store, one entry per namespace under `management:<namespace>`. */
import type { PluginStore } from "../../host/contract";
import { namespaceKey, type ManagementAccessRecord } from "./management-access";

const PREFIX = "management:";

export class ManagementAccessRepository {
  constructor(private readonly store: PluginStore) {}

  async list(): Promise<ManagementAccessRecord[]> {
    const entries = await this.store.entries<ManagementAccessRecord>(PREFIX);
    return entries.map(([, record]) => record).sort((a, b) => a.namespace.localeCompare(b.namespace));
  }

  get(namespace: string): Promise<ManagementAccessRecord | undefined> {
    return this.store.get<ManagementAccessRecord>(PREFIX + namespaceKey(namespace));
  }

  save(record: ManagementAccessRecord): Promise<void> {
    return this.store.set(PREFIX + namespaceKey(record.namespace), record);
  }

  delete(namespace: string): Promise<boolean> {
    return this.store.delete(PREFIX + namespaceKey(namespace));
  }
}
