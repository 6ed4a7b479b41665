/**
 * Registrations in the plugin's store namespace, one entry per registration under `registration:<id>`.
 * Reads come from an in-memory copy loaded once and kept in step by every write through this repository: listing
 * 1 000 registrations otherwise re-reads and re-parses 1 000 rows per request (measured: most of the list latency).
 * In a web farm other hosts write the same store: the farm's change feed calls `reload()` (docs/farm.md), and an
 * update reads its record afresh (`getFresh`) so it never writes back fields another host has changed meanwhile.
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

  /** The record as the store holds it now (bypassing the copy, which it refreshes). */
  async getFresh(id: string): Promise<RegistrationRecord | undefined> {
    const cache = await this.loaded();
    const record = await this.store.get<RegistrationRecord>(PREFIX + id);
    if (record) cache.set(id, record);
    else cache.delete(id);
    return record;
  }

  /**
   * Drops the in-memory copy and loads it again from the store (another host changed it); keeps the old copy
   * unless `verify`, run after reading, resolves (a store that was flushed meanwhile is not taken).
   */
  async reload(verify: () => Promise<void> = async () => undefined): Promise<void> {
    const next = this.store.entries<RegistrationRecord>(PREFIX).then((entries) => new Map(entries.map(([, r]) => [r.id, r])));
    await next;
    await verify();
    this.cache = next;
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
