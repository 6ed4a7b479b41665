/**
 * Persistent plugin stores: keyv namespaces over one backend URL (SQLite file by default).
 * Each namespace gets its own keyv store instance because keyv 5 writes the namespace onto the
 * store object, so two Keyv instances sharing one store would end up in the same namespace.
 */
import * as fs from "node:fs";
import Keyv, { type KeyvStoreAdapter } from "keyv";
import KeyvSqlite from "@keyv/sqlite";
import KeyvRedis from "@keyv/redis";
import type { PluginStore } from "../contract";

export interface StoreFactory {
  /** The store of one namespace (normally the plugin id); the same instance for the same name. */
  namespace(name: string): PluginStore;
  /** Closes every connection. Safe to call twice. */
  close(): Promise<void>;
}

/** Opens stores on `url`: `sqlite://<path>` (one host) or `redis://…` / `rediss://…` (a web farm, docs/farm.md). */
export function createStoreFactory(url: string): StoreFactory {
  const open = new Map<string, { keyv: Keyv; adapter: KeyvStoreAdapter; store: PluginStore }>();
  let closed = false;
  return {
    namespace(name) {
      if (closed) throw new Error("store is closed");
      let entry = open.get(name);
      if (!entry) {
        const adapter = createAdapter(url);
        const keyv = new Keyv({ store: adapter, namespace: name });
        entry = { keyv, adapter, store: wrap(keyv) };
        open.set(name, entry);
      }
      return entry.store;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...open.values()].map((entry) => disconnect(entry.keyv, entry.adapter)));
      open.clear();
    },
  };
}

/**
 * A Redis client closes after its queued commands are answered; while Redis is down they never are, so a client that
 * is not connected is dropped at once (its queued writes are lost, as in a crash). SQLite closes as usual.
 */
async function disconnect(keyv: Keyv, adapter: KeyvStoreAdapter): Promise<void> {
  if (adapter instanceof KeyvRedis && !(adapter.client as { isReady?: boolean }).isReady) return adapter.disconnect(true);
  await keyv.disconnect();
}

function createAdapter(url: string): KeyvStoreAdapter {
  if (url.startsWith("sqlite://")) {
    createPrivateFile(url.slice("sqlite://".length));
    return new KeyvSqlite(url) as unknown as KeyvStoreAdapter;
  }
  if (url.startsWith("redis://") || url.startsWith("rediss://")) {
    // Keys are `<namespace>::<key>`; listing scans only this namespace's keys.
    const redis = new KeyvRedis(url, { keyPrefixSeparator: "::" });
    redis.on("error", () => undefined); // reconnects on its own; a failed command still rejects to its caller
    return redis as unknown as KeyvStoreAdapter;
  }
  const scheme = url.split(":")[0];
  throw new Error(`ECS_STORE_URL: unsupported scheme "${scheme}:" (use sqlite://<file>, redis://<host>:<port> or rediss://…)`);
}

function wrap(keyv: Keyv): PluginStore {
  return {
    async get<T>(key: string) {
      return (await keyv.get(key)) as T | undefined;
    },
    async set<T>(key: string, value: T) {
      const ok = await keyv.set(key, value);
      if (ok === false) throw new Error(`store: could not write key "${key}"`);
    },
    async delete(key: string) {
      return keyv.delete(key);
    },
    async entries<T>(prefix = "") {
      const out: Array<[string, T]> = [];
      if (!keyv.iterator) throw new Error("store: this keyv backend cannot list entries");
      // The SQLite adapter filters by LIKE (where _ and % are wildcards), so the prefix is re-checked exactly here.
      for await (const [key, value] of keyv.iterator(keyv.namespace) as AsyncGenerator<[string, T]>) {
        if (key.startsWith(prefix)) out.push([key, value]);
      }
      return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    },
  };
}

/** Creates the SQLite file owner-only (0600) before SQLite does, so it never exists with the umask's mode. */
function createPrivateFile(file: string): void {
  if (!file || file === ":memory:") return;
  try {
    fs.closeSync(fs.openSync(file, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}
