/**
 * Which store a host joined (server/host/reference/farm/store-identity.ts), over an in-memory stand-in for the
 * three Redis commands it uses (the Redis path runs in test/plugin/farm/farm-status.test.ts): a lost or changed
 * store id, and a version that goes backwards, each name the problem; the same store passes.
 */
import { STORE_ID_KEY, StoreIdentity, type IdentityClient } from "../../../server/host/reference/farm/store-identity";

const VERSION = "ecs-farm:config-version";

function memory(): IdentityClient & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    set: async (key, value) => (data.has(key) ? null : (data.set(key, value), "OK")),
    get: async (key) => data.get(key) ?? null,
    mGet: async (keys) => keys.map((k) => data.get(k) ?? null),
  };
}

it("passes while the store is the one joined and the version only grows", async () => {
  const redis = memory();
  redis.data.set(VERSION, "4");
  const identity = new StoreIdentity("redis://r:6379");
  await identity.join(redis, VERSION);
  expect(await identity.inspect(redis, VERSION)).toEqual({ version: 4 });
  redis.data.set(VERSION, "6");
  expect(await identity.inspect(redis, VERSION)).toEqual({ version: 6 });
});

it("a second host joins the same store id; a flushed store, another store and a version gone back are problems", async () => {
  const redis = memory();
  const first = new StoreIdentity("redis://r:6379");
  await first.join(redis, VERSION);
  const second = new StoreIdentity("redis://r:6379");
  await second.join(redis, VERSION);
  expect(await second.inspect(redis, VERSION)).toEqual({ version: 0 });

  first.saw(5);
  redis.data.set(VERSION, "5");
  const id = redis.data.get(STORE_ID_KEY)!;
  redis.data.set(VERSION, "3");
  expect(await first.inspect(redis, VERSION)).toEqual({ problem: expect.stringMatching(/went back from 5 to 3/) });
  redis.data.clear();
  expect(await first.inspect(redis, VERSION)).toEqual({ problem: expect.stringMatching(/lost its data .*flushed, or restarted without persistence/) });
  redis.data.set(STORE_ID_KEY, "another");
  expect(await first.inspect(redis, VERSION)).toEqual({ problem: expect.stringMatching(/not the store this host joined/) });
  redis.data.set(STORE_ID_KEY, id);
  redis.data.set(VERSION, "5");
  expect(await first.inspect(redis, VERSION)).toEqual({ version: 5 });
});
