/** `relayPermissions`: the tab's way to know whether to offer write actions (replay, probe) — admin vs reader vs nobody. */
import { startTestHost, type TestHost } from "../../support/host";

let host: TestHost;

beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host?.stop();
});

const permissions = async (token?: string | null) => (await host.gql<{ relayPermissions?: string[] }>("{ relayPermissions }", undefined, token === undefined ? undefined : { token })).body;

test("an admin holds read, write and the operations permission", async () => {
  expect((await permissions()).data?.relayPermissions?.sort()).toEqual(["azure-relay.operations:run", "azure-relay.registrations:read", "azure-relay.registrations:write"]);
});

test("a reader holds read only, so the tab offers no write action", async () => {
  expect((await permissions(host.readerToken)).data?.relayPermissions).toEqual(["azure-relay.registrations:read"]);
});

test("nobody signed in: UNAUTHENTICATED, not an empty list", async () => {
  const body = await permissions(null) as { errors?: Array<{ extensions?: { code?: string } }> };
  expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
});
