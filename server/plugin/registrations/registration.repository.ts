/** Registrations in the plugin's store namespace, one entry per registration under `registration:<id>`. */
import type { PluginStore } from "../../host/contract";
import type { RegistrationRecord } from "./registration";

const PREFIX = "registration:";

export class RegistrationRepository {
  constructor(private readonly store: PluginStore) {}

  async list(): Promise<RegistrationRecord[]> {
    const entries = await this.store.entries<RegistrationRecord>(PREFIX);
    return entries.map(([, record]) => record).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<RegistrationRecord | undefined> {
    return this.store.get<RegistrationRecord>(PREFIX + id);
  }

  async save(record: RegistrationRecord): Promise<void> {
    await this.store.set(PREFIX + record.id, record);
  }

  async delete(id: string): Promise<boolean> {
    return this.store.delete(PREFIX + id);
  }
}
