/**
 * ECS_STORE_URL=redis://… : the plugin store on a real redis-server, shared by every host with the same secret key;
 * a host with another ECS_SECRET_KEY refuses to start and says which variable to fix.
 */
import { randomBytes } from "node:crypto";
import { createStoreFactory } from "../../../server/host/reference/store";
import { startTestHost, type TestHost } from "../../support/host";
import { useRedis } from "../../support/redis";

const redis = useRedis();
const SECRET = randomBytes(32).toString("base64");

describe("the keyv store on Redis", () => {
  it("keeps namespaces apart and lists one namespace's entries by exact prefix", async () => {
    const stores = createStoreFactory(redis.url);
    try {
      const a = stores.namespace("plugin-a");
      const b = stores.namespace("plugin-b");
      await a.set("registration:1", { id: "1" });
      await a.set("registration_2", { id: "x" });
      await a.set("management:ns", { ns: true });
      await b.set("registration:9", { id: "9" });
      expect(await a.entries("registration:")).toEqual([["registration:1", { id: "1" }]]);
      expect(await b.get("registration:1")).toBeUndefined();
      expect(await a.delete("registration:1")).toBe(true);
      expect(await a.get("registration:1")).toBeUndefined();
    } finally {
      await stores.close();
    }
  });
});

describe("hosts sharing one Redis store", () => {
  const hosts: TestHost[] = [];
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.stop()));
  });

  it("share registrations when their secret keys match", async () => {
    const env = { ECS_STORE_URL: redis.url, ECS_SECRET_KEY: SECRET };
    const a = await startTestHost({ env: { ...env, ECS_HOST_ID: "store-a" } });
    hosts.push(a);
    const added = await a.gql<{ addRelayRegistration: { id: string } }>(
      `mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { id } }`,
      { input: { connectionString: "Endpoint=sb://shared.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=" + randomBytes(32).toString("base64") + ";EntityPath=farm-one", enabled: false } },
    );
    expect(added.body.errors).toBeUndefined();
    const b = await startTestHost({ env: { ...env, ECS_HOST_ID: "store-b" } });
    hosts.push(b);
    const listed = await b.gql<{ relayRegistrations: Array<{ id: string; hybridConnectionName: string }> }>(`{ relayRegistrations { id hybridConnectionName } }`);
    expect(listed.body.data?.relayRegistrations).toEqual([{ id: added.body.data?.addRelayRegistration.id, hybridConnectionName: "farm-one" }]);
  }, 30_000);

  it("refuses to start a host whose ECS_SECRET_KEY differs, naming the variable and not the key", async () => {
    const other = randomBytes(32).toString("base64");
    const started = startTestHost({ env: { ECS_STORE_URL: redis.url, ECS_SECRET_KEY: other, ECS_HOST_ID: "store-wrong-key" } });
    await expect(started).rejects.toThrow(/ECS_SECRET_KEY does not match the key the shared store redis:\/\/127\.0\.0\.1:\d+ was sealed with/);
    await started.catch((error: Error) => {
      expect(error.message).not.toContain(other);
      expect(error.message).not.toContain(SECRET);
    });
  }, 30_000);
});
