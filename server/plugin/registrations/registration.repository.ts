/**
 * Registrations in the plugin's store namespace, one entry per registration under `registration:<id>`.
 * Reads come from an in-memory copy loaded once and kept in step by every write through this repository: listing
 * 1 000 registrations otherwise re-reads and re-parses 1 000 rows per request (measured: most of the list latency).
 * This assumes one writer per store namespace (one host); a web farm sharing a store would invalidate the copy on the
 * farm's change notifications.
 */
import type { PluginStore } from "../../host/contract";
import type { RegistrationRecord } from "./registration";

const PREFIX = "registration:";

export class RegistrationRepository {
  private cache: Promise<Map<string, RegistrationRecord>> | undefined;

  constructor(private readonly store: PluginStore) {}

  async list(): Promise<RegistrationRecord[]> {
    const all = [...(await this.loaded()).values()];
    return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<RegistrationRecord | undefined> {
    return (await this.loaded()).get(id);
  }

  async save(record: RegistrationRecord): Promise<void> {
    const cache = await this.loaded();
    await this.store.set(PREFIX + record.id, record);
    cache.set(record.id, record);
  }

  async delete(id: string): Promise<boolean> {
    const cache = await this.loaded();
    const deleted = await this.store.delete(PREFIX + id);
    cache.delete(id);
    return deleted;
  }

  private loaded(): Promise<Map<string, RegistrationRecord>> {
    this.cache ??= this.store.entries<RegistrationRecord>(PREFIX).then((entries) => new Map(entries.map(([, r]) => [r.id, r])));
    // A failed load is not cached: the next call tries again.
    this.cache.catch(() => (this.cache = undefined));
    return this.cache;
  }
}
