/** Relay registrations over GraphQL against a started host: the seed's add / list / change / remove, auth and every error code. */
import { startRelayStack, type RelayStack } from "../../support/stack";

const FIELDS = "id name namespace hybridConnectionName keyName keyFingerprint targetUrl enabled createdAt updatedAt createdBy";
const ADD = `mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateRelayRegistrationInput!) { updateRelayRegistration(id: $id, input: $input) { ${FIELDS} } }`;
const REMOVE = `mutation($id: ID!) { removeRelayRegistration(id: $id) }`;
const LIST = `{ relayRegistrations { ${FIELDS} } }`;

interface GqlBody {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string; problems?: Array<{ field: string; message: string }> } }>;
}

let stack: RelayStack;
const gql = async (query: string, variables?: Record<string, unknown>, opts?: { token?: string | null }) =>
  (await stack.host.gql(query, variables, opts)).body as GqlBody;
const keyOf = (connectionString: string) => /SharedAccessKey=([^;]+)/.exec(connectionString)![1];

beforeAll(async () => {
  stack = await startRelayStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe("authentication and permissions", () => {
  test("no token: UNAUTHENTICATED", async () => {
    const body = await gql(LIST, undefined, { token: null });
    expect(body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  test("reader token: may list, may not add (FORBIDDEN)", async () => {
    const list = await gql(LIST, undefined, { token: stack.host.readerToken });
    expect(list.errors).toBeUndefined();
    const add = await gql(ADD, { input: { connectionString: stack.listenConnectionString, hybridConnectionName: "ecs-core" } }, { token: stack.host.readerToken });
    expect(add.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await gql(LIST)).data?.relayRegistrations).toEqual([]);
  });
});

describe("add, list, change, remove", () => {
  let id: string;

  test("adds a registration from the pasted connection string; the key never comes back", async () => {
    const res = await stack.host.gql(ADD, { input: { connectionString: stack.listenConnectionString, hybridConnectionName: "ecs-core", name: "Production" } });
    const added = (res.body as GqlBody).data?.addRelayRegistration;
    expect(added).toMatchObject({
      name: "Production",
      namespace: stack.emulator.namespaceHost,
      hybridConnectionName: "ecs-core",
      keyName: "ecs-core-listen",
      targetUrl: stack.sample.url,
      enabled: true,
    });
    expect(added.keyFingerprint).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(JSON.stringify(res.body)).not.toContain(keyOf(stack.listenConnectionString));
    id = added.id;
  });

  test("lists and gets it", async () => {
    expect((await gql(LIST)).data?.relayRegistrations.map((r: { id: string }) => r.id)).toEqual([id]);
    const one = await gql(`query($id: ID!) { relayRegistration(id: $id) { id name } }`, { id });
    expect(one.data?.relayRegistration).toEqual({ id, name: "Production" });
    const none = await gql(`query($id: ID!) { relayRegistration(id: $id) { id } }`, { id: "no-such-id" });
    expect(none.data?.relayRegistration).toBeNull();
  });

  test("a second registration of the same namespace + hybrid connection is a CONFLICT", async () => {
    const body = await gql(ADD, { input: { connectionString: stack.rootConnectionString, hybridConnectionName: "ECS-CORE" } });
    expect(body.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "hybridConnectionName" });
  });

  test("renames, retargets and disables", async () => {
    const body = await gql(UPDATE, { id, input: { name: "Renamed", targetUrl: "http://127.0.0.1:1/base", enabled: false } });
    expect(body.data?.updateRelayRegistration).toMatchObject({ name: "Renamed", targetUrl: "http://127.0.0.1:1/base/", enabled: false });
  });

  test("rotating the key while disabled stores the new key name and fingerprint", async () => {
    const before = (await gql(LIST)).data?.relayRegistrations[0];
    const body = await gql(UPDATE, { id, input: { connectionString: stack.rootConnectionString } });
    expect(body.data?.updateRelayRegistration.keyName).toBe("RootManageSharedAccessKey");
    expect(body.data?.updateRelayRegistration.keyFingerprint).not.toBe(before.keyFingerprint);
  });

  test("a rotation string for another namespace is refused at its field", async () => {
    const other = stack.listenConnectionString.replace(/sb:\/\/[^/;]+/, "sb://127.0.0.1:1");
    const body = await gql(UPDATE, { id, input: { connectionString: other } });
    expect(body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "connectionString" });
  });

  test("removes it; a second remove and an update are NOT_FOUND", async () => {
    expect((await gql(REMOVE, { id })).data?.removeRelayRegistration).toBe(id);
    expect((await gql(REMOVE, { id })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect((await gql(UPDATE, { id, input: { name: "x" } })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect((await gql(LIST)).data?.relayRegistrations).toEqual([]);
  });
});

describe("input errors name the field and lose nothing", () => {
  test.each([
    ["a broken connection string", { connectionString: "Endpoint=http://x;SharedAccessKeyName=a" }, "connectionString"],
    ["no EntityPath and no hybrid connection", { connectionString: "LISTEN" }, "hybridConnectionName"],
    ["a bad hybrid connection name", { connectionString: "LISTEN", hybridConnectionName: "-bad name-" }, "hybridConnectionName"],
    ["a target URL that is not http(s)", { connectionString: "LISTEN", hybridConnectionName: "ecs-core", targetUrl: "ftp://x/" }, "targetUrl"],
    ["an empty name", { connectionString: "LISTEN", hybridConnectionName: "ecs-core", name: "  " }, "name"],
  ])("%s → BAD_USER_INPUT at %s", async (_label, input, field) => {
    const connectionString = input.connectionString === "LISTEN" ? stack.listenConnectionString : input.connectionString;
    const body = await gql(ADD, { input: { ...input, connectionString } });
    expect(body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(body.errors?.[0].message.length).toBeGreaterThan(20);
    expect(JSON.stringify(body)).not.toContain(keyOf(stack.listenConnectionString));
    expect((await gql(LIST)).data?.relayRegistrations).toEqual([]);
  });

  test("a broken connection string lists every problem at its connection-string field", async () => {
    const body = await gql(ADD, { input: { connectionString: "Endpoint=http://x;SharedAccessKeyName=a" } });
    const fields = body.errors?.[0].extensions?.problems?.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(["Endpoint", "SharedAccessKey"]));
  });
});

describe("checkRelayConnectionString", () => {
  const CHECK = `query($cs: String!) { checkRelayConnectionString(connectionString: $cs) { valid namespace keyName keyFingerprint entityPath useDevelopmentEmulator problems { field message } } }`;

  test("returns the safe parts of a good string, never the key", async () => {
    const body = await gql(CHECK, { cs: stack.listenConnectionString });
    expect(body.data?.checkRelayConnectionString).toMatchObject({ valid: true, namespace: stack.emulator.namespaceHost, keyName: "ecs-core-listen", useDevelopmentEmulator: true, problems: [] });
    expect(JSON.stringify(body)).not.toContain(keyOf(stack.listenConnectionString));
  });

  test("returns each problem of a bad string at its field", async () => {
    const body = await gql(CHECK, { cs: "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=x;SharedAccessKey=short" });
    expect(body.data?.checkRelayConnectionString.valid).toBe(false);
    expect(body.data?.checkRelayConnectionString.problems[0].field).toBe("SharedAccessKey");
  });
});
