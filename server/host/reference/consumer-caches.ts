/**
 * The reference host's stand-in for ECS Core's consumer website caches: a few named in-memory
 * caches, seeded at start and filled by host traffic, that `clearAll()` empties and reports.
 */
import type { ConsumerCacheReport, ConsumerCaches } from "../contract";

/** Cache names mirroring the consumer site's application caches. */
export const CONSUMER_CACHE_NAMES = ["consumer-sites", "service-metadata", "sap-function-descriptors"] as const;
export type ConsumerCacheName = (typeof CONSUMER_CACHE_NAMES)[number];

export interface ReferenceConsumerCaches extends ConsumerCaches {
  /** Puts an entry (the host calls this as pages and GraphQL requests are served). */
  remember(cache: ConsumerCacheName, key: string, value: unknown): void;
  /** Current entry count per cache. */
  sizes(): Record<ConsumerCacheName, number>;
}

/** Caches seeded with a few entries so a first clear has something to report. */
export function createConsumerCaches(seed = true): ReferenceConsumerCaches {
  const caches = new Map<ConsumerCacheName, Map<string, unknown>>(CONSUMER_CACHE_NAMES.map((name) => [name, new Map()]));
  const remember = (cache: ConsumerCacheName, key: string, value: unknown): void => {
    caches.get(cache)!.set(key, value);
  };
  if (seed) {
    remember("consumer-sites", "default", { path: "/", startedAt: new Date().toISOString() });
    remember("service-metadata", "$metadata", { services: ["ecs-core"] });
    remember("sap-function-descriptors", "BAPI_USER_GET_DETAIL", { parameters: 12 });
  }
  return {
    remember,
    sizes() {
      return Object.fromEntries(CONSUMER_CACHE_NAMES.map((name) => [name, caches.get(name)!.size])) as Record<ConsumerCacheName, number>;
    },
    async clearAll(): Promise<ConsumerCacheReport[]> {
      return CONSUMER_CACHE_NAMES.map((name) => {
        const cache = caches.get(name)!;
        const entriesCleared = cache.size;
        cache.clear();
        return { name, entriesCleared };
      });
    },
  };
}
