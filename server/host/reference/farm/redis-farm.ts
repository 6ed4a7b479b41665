/**
 * The farm on Redis (docs/farm.md): the configuration version is one INCR counter, each change is PUBLISHed on one
 * channel as `{version, topic, hostId}`, and each host keeps a membership record that expires after the host TTL
 * unless its heartbeat renews it. Uses the @redis/client that @keyv/redis brings (and re-exports).
 */
import { randomUUID } from "node:crypto";
import { createClient } from "@keyv/redis";
import { HostError, type FarmChange } from "../../contract";
import { describeStore } from "./secret-canary";
import type { FarmCore, FarmOps, FarmTiming, HostFarm, HostRecord } from "./farm-core";
import { withRedisLock, type LockClient } from "./redis-lock";
import { decodeEvent, encodeEvent, EVENTS_CHANNEL } from "./farm-events";
import { StoreIdentity, type IdentityClient } from "./store-identity";

export const VERSION_KEY = "ecs-farm:config-version";
export const CHANGES_CHANNEL = "ecs-farm:changes";
export const HOST_KEY_PREFIX = "ecs-farm:host:";
const CONNECT_TIMEOUT_MS = 10_000;

type Client = ReturnType<typeof newClient>;

function newClient(url: string) {
  return createClient({ url });
}

export function createRedisFarm(url: string, core: FarmCore, timing: FarmTiming): HostFarm {
  const client: Client = newClient(url);
  const subscriber: Client = client.duplicate();
  const where = describeStore(url);
  let heartbeat: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastErrorLog = 0;
  const onError = (error: unknown): void => {
    // A dropped connection errors on every retry; one line per ten seconds says enough.
    if (Date.now() - lastErrorLog < 10_000) return;
    lastErrorLog = Date.now();
    core.logger.warn("farm: Redis unreachable, retrying", { store: where, error: (error as Error)?.message });
  };
  client.on("error", onError);
  subscriber.on("error", onError);

  const writeRecord = async (): Promise<void> => {
    if (stopped || !client.isReady) return;
    await client.set(HOST_KEY_PREFIX + core.hostId, JSON.stringify(core.record()), { expiration: { type: "PX", value: timing.hostTtlMs } });
  };
  const heartbeatNow = (): void => void writeRecord().catch(onError);
  const heartbeatTick = (): void => {
    heartbeatNow();
    checkCondition();
  };

  const identity = new StoreIdentity(where);
  const instance = randomUUID();
  const reachable = (): boolean => client.isReady && subscriber.isReady;
  const available = (): boolean => reachable() && core.condition.state !== "store-reset";
  // Commands would wait in the client's offline queue until Redis returns; a change must fail at once instead.
  const requireAvailable = (): void => {
    if (core.condition.state === "store-reset") throw new HostError("CONFLICT", core.condition.detail);
    if (!reachable()) throw new HostError("INTERNAL_SERVER_ERROR", `The web farm's Redis (${where}) cannot be reached; try again when it is back.`);
  };
  /** The version, after checking the store is still the one this host joined (else the condition turns store-reset). */
  const inspect = async (): Promise<number> => {
    if (!reachable()) throw new HostError("INTERNAL_SERVER_ERROR", `The web farm's Redis (${where}) cannot be reached.`);
    const found = await identity.inspect(client as unknown as IdentityClient, VERSION_KEY);
    if ("problem" in found) {
      core.setCondition("store-reset", found.problem);
      throw new HostError("CONFLICT", found.problem);
    }
    const recovered = core.condition.state !== "ok";
    core.setCondition("ok", "");
    // Back from an outage or a reset (the store was restored): what changed meanwhile must be applied.
    if (recovered) core.deliver({ version: found.version, topic: "host/resync", hostId: core.hostId });
    return found.version;
  };
  /** Each heartbeat: unreachable, reset, or (once both check out) ok. */
  const checkCondition = (): void => {
    if (stopped) return;
    if (!reachable()) return core.setCondition("unreachable", `The web farm's Redis (${where}) cannot be reached; the host keeps serving with the configuration it has and retries.`);
    void inspect().catch(() => undefined);
  };
  let sameHostIdWarned = false;
  const onEventMessage = (message: string): void => {
    const received = decodeEvent(message, { instance, hostId: core.hostId });
    if (received && "event" in received) return core.deliverEvent(received.plugin, received.event);
    if (received && "sameHostId" in received && !sameHostIdWarned) {
      sameHostIdWarned = true;
      core.logger.warn("farm: another host uses this host's ECS_HOST_ID; its events are ignored — give every host its own id", { hostId: core.hostId });
    }
  };
  const ops: FarmOps = {
    available,
    announce: async (topic: string): Promise<number> => {
      requireAvailable();
      const version = Number(await client.incr(VERSION_KEY));
      identity.saw(version);
      const change: FarmChange = { version, topic, hostId: core.hostId };
      await client.publish(CHANGES_CHANNEL, JSON.stringify(change));
      return version;
    },
    version: inspect,
    // Fails at once while Redis is away (the client's offline queue would hold the answer until it returns).
    records: async () => {
      if (!reachable()) throw new HostError("INTERNAL_SERVER_ERROR", `The web farm's Redis (${where}) cannot be reached.`);
      return readRecords(client);
    },
    presenceChanged: heartbeatNow,
    exclusive: async (name, work) => {
      requireAvailable();
      await inspect(); // a store flushed since the last heartbeat must not take a write
      return withRedisLock(client as unknown as LockClient, name, work);
    },
    publishEvent: (plugin, topic, payload) => {
      if (!available()) return; // fire and forget: other hosts catch up from presence when the farm is back
      const encoded = encodeEvent({ instance, hostId: core.hostId, plugin, topic, payload });
      if ("refused" in encoded) return core.logger.warn("farm: event not published", { plugin, topic, reason: encoded.refused });
      void client.publish(EVENTS_CHANNEL, encoded.message).catch(onError);
    },
  };

  return {
    shared: true,
    get condition() {
      return core.condition;
    },
    async start() {
      await withTimeout(Promise.all([client.connect(), subscriber.connect()]), `ECS_STORE_URL: Redis at ${where} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`);
      await identity.join(client as unknown as IdentityClient, VERSION_KEY);
      await subscriber.subscribe(CHANGES_CHANNEL, (message) => {
        const change = parseChange(message);
        if (change) {
          identity.saw(change.version);
          core.deliver(change);
        }
      });
      await subscriber.subscribe(EVENTS_CHANNEL, onEventMessage);
      client.on("error", checkCondition);
      subscriber.on("error", checkCondition);
      // After a reconnection, messages published meanwhile are lost: tell the plugins to resynchronise.
      subscriber.on("ready", () => {
        if (!stopped) void ops.version().then((version) => core.deliver({ version, topic: "host/resync", hostId: core.hostId }), onError);
      });
      await writeRecord();
      heartbeat = setInterval(heartbeatTick, timing.heartbeatMs);
      heartbeat.unref();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(heartbeat);
      core.handlers.clear();
      core.eventHandlers.clear();
      core.conditionHandlers.clear();
      if (client.isReady) await client.del(HOST_KEY_PREFIX + core.hostId).catch(() => undefined);
      // A client still reconnecting would wait for Redis to close gracefully: drop it instead.
      await Promise.all([client, subscriber].map((c) => (c.isReady ? c.close().catch(() => c.destroy()) : c.isOpen ? c.destroy() : undefined)));
    },
    forPlugin: (pluginId) => core.view(pluginId, true, ops),
  };
}

async function readRecords(client: Client): Promise<HostRecord[]> {
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: `${HOST_KEY_PREFIX}*`, COUNT: 100 })) keys.push(...batch.map(String));
  if (keys.length === 0) return [];
  const values = await client.mGet(keys);
  return values
    .map((value) => parseRecord(value))
    .filter((r): r is HostRecord => r !== undefined)
    .sort((a, b) => a.hostId.localeCompare(b.hostId));
}

function parseRecord(value: unknown): HostRecord | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const r = JSON.parse(value) as HostRecord;
    return typeof r.hostId === "string" && typeof r.lastHeartbeat === "string" ? r : undefined;
  } catch {
    return undefined;
  }
}

function parseChange(message: string): FarmChange | undefined {
  try {
    const c = JSON.parse(message) as FarmChange;
    return Number.isSafeInteger(c.version) && typeof c.topic === "string" && typeof c.hostId === "string" ? { version: c.version, topic: c.topic, hostId: c.hostId } : undefined;
  } catch {
    return undefined;
  }
}

async function withTimeout<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), CONNECT_TIMEOUT_MS)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
