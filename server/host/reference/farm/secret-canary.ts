/**
 * The secret canary: a known text sealed under the host's secret key, kept in the store's host namespace. Every host
 * that shares the store must open it, so a host started with another ECS_SECRET_KEY refuses to start with a message
 * naming the variable, instead of failing later on every sealed relay key (docs/farm.md).
 */
import type { PluginStore, SecretSealer } from "../../contract";

/** The store namespace the host keeps its own records in (no plugin id can be this: ids are lower-case words). */
export const HOST_NAMESPACE = "_ecs-host";
const CANARY_KEY = "secret-canary";
const CANARY_TEXT = "ecs-core secret canary v1";

/** Seals the canary on first start; afterwards throws unless this host's key opens it. */
export async function checkSecretCanary(store: PluginStore, secrets: SecretSealer, storeUrl: string): Promise<void> {
  const sealed = await store.get<string>(CANARY_KEY);
  if (sealed === undefined) {
    await store.set(CANARY_KEY, secrets.seal(CANARY_TEXT));
    return;
  }
  let opened: string | undefined;
  try {
    opened = secrets.open(sealed);
  } catch {
    opened = undefined;
  }
  if (opened !== CANARY_TEXT) {
    throw new Error(
      `ECS_SECRET_KEY does not match the key the shared store ${describeStore(storeUrl)} was sealed with: this host could not open ` +
        `any relay key stored there. Set ECS_SECRET_KEY to the same value on every host that shares ECS_STORE_URL ` +
        `(or point ECS_STORE_URL at this host's own store).`,
    );
  }
}

/** The store URL without credentials (a redis URL may carry a password). */
export function describeStore(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password || parsed.username) {
      parsed.password = "";
      parsed.username = "";
    }
    return parsed.protocol.startsWith("redis") ? `${parsed.protocol}//${parsed.host}${parsed.pathname}` : url;
  } catch {
    return "(ECS_STORE_URL)";
  }
}
