/**
 * The farm on Redis (docs/farm.md): the configuration version is one INCR counter, each change is PUBLISHed on one
 * channel as `{version, topic, hostId}`, and each host keeps a membership record that expires after the host TTL
 * unless its heartbeat renews it. Uses the @redis/client that @keyv/redis brings (and re-exports).
 */
import { createClient } from "@keyv/redis";
import { HostError, type FarmChange } from "../../contract";
import { describeStore } from "./secret-canary";
import type { FarmCore, FarmOps, FarmTiming, HostFarm, HostRecord } from "./farm-core";
import { withRedisLock, type LockClient } from "./redis-lock";
import { REQUESTS_CHANNEL, RedisRequests } from "./redis-requests";
import { createEventRelay, EVENTS_CHANNEL } from "./farm-events";
import { StoreWatch, type IdentityClient } from "./store-identity";

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
    if (!stopped) watch.check();
  };

  const reachable = (): boolean => client.isReady && subscriber.isReady;
  const watch = new StoreWatch({ client: client as unknown as IdentityClient, versionKey: VERSION_KEY, where, reachable, core });
  const available = (): boolean => reachable() && core.condition.state !== "store-reset";
  // Commands would wait in the client's offline queue until Redis returns; a change must fail at once instead.
  const requireAvailable = (): void => {
    if (core.condition.state === "store-reset") throw new HostError("CONFLICT", core.condition.detail);
    if (!reachable()) throw new HostError("INTERNAL_SERVER_ERROR", `The web farm's Redis (${where}) cannot be reached; try again when it is back.`);
  };
  const requests = new RedisRequests({
    core,
    publish: (channel, message) => client.publish(channel, message),
    memberIds: async () => (await readRecords(client)).map((r) => r.hostId),
    requireAvailable,
    onError,
  });
  const events = createEventRelay({
    // Events need only the connection: a store that came back reset does not make another host's status wrong.
    hostId: core.hostId, logger: core.logger, available: reachable,
    publish: (message) => client.publish(EVENTS_CHANNEL, message),
    deliver: (plugin, event) => core.deliverEvent(plugin, event),
  });
  const ops: FarmOps = {
    available,
    announce: async (topic: string): Promise<number> => {
      requireAvailable();
      const version = Number(await client.incr(VERSION_KEY));
      watch.identity.saw(version);
      const change: FarmChange = { version, topic, hostId: core.hostId };
      await client.publish(CHANGES_CHANNEL, JSON.stringify(change));
      return version;
    },
    version: () => watch.inspect(),
    // Fails at once while Redis is away (the client's offline queue would hold the answer until it returns).
    records: async () => {
      if (!reachable()) throw new HostError("INTERNAL_SERVER_ERROR", `The web farm's Redis (${where}) cannot be reached.`);
      return readRecords(client);
    },
    presenceChanged: heartbeatNow,
    exclusive: async (name, work) => {
      requireAvailable();
      await watch.inspect(); // a store flushed since the last heartbeat must not take a write
      return withRedisLock(client as unknown as LockClient, name, work);
    },
    request: (pluginId, name, payload, options) => requests.request(pluginId, name, payload, options),
    publishEvent: events.publish,
  };

  return {
    shared: true,
    get condition() {
      return core.condition;
    },
    async start() {
      await withTimeout(Promise.all([client.connect(), subscriber.connect()]), `ECS_STORE_URL: Redis at ${where} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`);
      await watch.join();
      await subscriber.subscribe(CHANGES_CHANNEL, (message) => {
        const change = parseChange(message);
        if (change) {
          watch.identity.saw(change.version);
          core.deliver(change);
        }
      });
      await subscriber.subscribe(REQUESTS_CHANNEL, (message) => requests.onRequestMessage(message));
      await subscriber.subscribe(requests.replyChannel, (message) => requests.onReplyMessage(message));
      await subscriber.subscribe(EVENTS_CHANNEL, events.receive);
      const checkCondition = () => void (stopped || watch.check());
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
      requests.stop();
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
