/**
 * The plugin's own guard against a store that came back reset (server/plugin/farm/config-sync.ts), for hosts that
 * do not check a store id: a configuration version below the one applied is never resynchronised to, changes are
 * refused with FARM_STORE_RESET, and all is normal again once the version is back. The farm is an in-memory double
 * of the contract's `Farm` (the Redis path runs in farm-status.test.ts).
 */
import type { Farm, FarmChange, FarmCondition } from "../../../server/host/contract";
import { ConfigSync } from "../../../server/plugin/farm/config-sync";
import { isRelayPluginError } from "../../../server/plugin/errors";

function memoryFarm(version: { value: number }): Farm {
  const handlers = new Set<(c: FarmChange) => void>();
  const condition: FarmCondition = { state: "ok", since: new Date(0).toISOString(), detail: "" };
  return {
    shared: true, available: true, condition,
    announceChange: async (topic) => {
      version.value += 1;
      for (const h of handlers) h({ version: version.value, topic, hostId: "me" });
      return version.value;
    },
    onChange: (h) => (handlers.add(h), { dispose: () => void handlers.delete(h) }),
    configVersion: async () => version.value,
    exclusive: async (_name, work) => work(),
    setPresence: () => undefined,
    members: async () => [],
    publishEvent: () => undefined,
    onEvent: () => ({ dispose: () => undefined }),
    onConditionChanged: () => ({ dispose: () => undefined }),
    handleRequests: () => ({ dispose: () => undefined }),
    request: async () => ({ replies: [], notAnswering: [] }),
  };
}

const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => logger };

it("does not apply a store whose version went back, refuses changes meanwhile, and recovers when the version is back", async () => {
  const version = { value: 7 };
  const sync = new ConfigSync({ farm: memoryFarm(version), hostId: "me", logger, resyncMs: 60_000 });
  const applied: string[] = [];
  await sync.start({ resync: async (verify) => { await verify(); applied.push(`v${version.value}`); }, afterChange: () => undefined });
  try {
    version.value = 0; // flushed
    await sync.requestResync("test");
    expect(applied).toEqual([]);
    expect(sync.ownStoreReset()).toMatchObject({ state: "store-reset", detail: expect.stringMatching(/went back from 7 to 0/) });
    let refused: unknown;
    try {
      sync.assertAvailable();
    } catch (error) {
      refused = error;
    }
    expect(isRelayPluginError(refused) && refused.code).toBe("FARM_STORE_RESET");

    version.value = 8; // restored, and one change made since
    await sync.requestResync("test");
    expect(applied).toEqual(["v8"]);
    expect(sync.ownStoreReset()).toBeUndefined();
    expect(() => sync.assertAvailable()).not.toThrow();
  } finally {
    sync.stop();
  }
});
