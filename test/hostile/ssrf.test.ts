/**
 * Hostile inputs through the GraphQL API of a real host (issue 15): every notation of a cloud metadata, link-local,
 * unspecified or host-own target address is refused with BAD_USER_INPUT at `targetUrl` — on add and on update —
 * and a hybrid connection name with dot segments (`zz/../ecs-core`), which used to go ONLINE as a second listener on
 * `ecs-core`, is refused wherever it enters (the field, or the connection string's EntityPath).
 */
import { startRelayStack, type RelayStack } from "../support/stack";

const ADD = `mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { id targetUrl } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateRelayRegistrationInput!) { updateRelayRegistration(id: $id, input: $input) { id targetUrl } }`;
const LIST = `{ relayRegistrations { id hybridConnectionName targetUrl } }`;

interface GqlBody {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

let stack: RelayStack;
let hostPort: number;
const gql = async (query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: GqlBody }> => {
  const res = await stack.host.gql(query, variables);
  return { status: res.status, body: res.body as GqlBody };
};
const keyOf = (connectionString: string) => /SharedAccessKey=([^;]+)/.exec(connectionString)![1];

beforeAll(async () => {
  stack = await startRelayStack();
  hostPort = stack.host.port;
});
afterAll(async () => {
  await stack?.stop();
});

/** Every notation the issue lists, plus a few more of the same families. */
const DENIED = (): string[] => [
  "http://169.254.169.254/latest/meta-data/",
  "http://2852039166/",
  "http://0xa9fea9fe/",
  "http://0251.0376.0251.0376/",
  "http://0xa9.0376.43518/",
  "http://169.254.43518/",
  "http://[::ffff:169.254.169.254]/",
  "http://[::ffff:a9fe:a9fe]/",
  "http://[::169.254.169.254]/",
  "http://[64:ff9b::a9fe:a9fe]/",
  "http://[fe80::1]/",
  "http://[fd00:ec2::254]/",
  "http://metadata.google.internal/computeMetadata/v1/",
  "http://metadata.azure.internal/",
  "http://168.63.129.16/",
  "http://0.0.0.0/",
  "http://0/",
  "http://[::]/",
  `http://127.0.0.1:${hostPort}/`,
  `http://localhost:${hostPort}/graphql/`,
  `http://[::ffff:127.0.0.1]:${hostPort}/`,
  `http://2130706433:${hostPort}/`,
];

test("every SSRF notation is refused on add: BAD_USER_INPUT at targetUrl, no 5xx, nothing stored", async () => {
  for (const targetUrl of DENIED()) {
    const { status, body } = await gql(ADD, { input: { connectionString: stack.listenConnectionString, hybridConnectionName: "ecs-core", targetUrl } });
    expect({ targetUrl, status, code: body.errors?.[0].extensions?.code, field: body.errors?.[0].extensions?.field }).toEqual({ targetUrl, status: 200, code: "BAD_USER_INPUT", field: "targetUrl" });
    expect(body.errors?.[0].message).toMatch(/^Target URL is refused: .+ is .+ — relayed requests may go to local web services/);
    expect(JSON.stringify(body)).not.toContain(keyOf(stack.listenConnectionString));
  }
  expect((await gql(LIST)).body.data?.relayRegistrations).toEqual([]);
});

test("every SSRF notation is refused on update too; the stored target is unchanged", async () => {
  const id = await stack.addRegistration({ enabled: false });
  try {
    for (const targetUrl of DENIED()) {
      const { body } = await gql(UPDATE, { id, input: { targetUrl } });
      expect({ targetUrl, code: body.errors?.[0].extensions?.code, field: body.errors?.[0].extensions?.field }).toEqual({ targetUrl, code: "BAD_USER_INPUT", field: "targetUrl" });
    }
    expect((await gql(LIST)).body.data?.relayRegistrations).toEqual([{ id, hybridConnectionName: "ecs-core", targetUrl: stack.sample.url }]);
    // Loopback on another port stays allowed: the local web services are the point.
    const fine = await gql(UPDATE, { id, input: { targetUrl: "http://127.0.0.1:9090/api" } });
    expect(fine.body.data?.updateRelayRegistration.targetUrl).toBe("http://127.0.0.1:9090/api/");
  } finally {
    await gql(`mutation($id: ID!) { removeRelayRegistration(id: $id) }`, { id });
  }
});

describe("hybrid connection names with dot segments", () => {
  let id: string;
  beforeAll(async () => {
    id = await stack.addRegistration({ enabled: false });
  });
  afterAll(async () => {
    await gql(`mutation($id: ID!) { removeRelayRegistration(id: $id) }`, { id });
  });

  test.each(["zz/../ecs-core", "zz/./ecs-core", "./ecs-core", "zz//ecs-core", "ecs-core/.."])("%s is refused at hybridConnectionName (not a second ecs-core)", async (name) => {
    const { body } = await gql(ADD, { input: { connectionString: stack.rootConnectionString, hybridConnectionName: name } });
    expect(body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "hybridConnectionName" });
    expect(body.errors?.[0].message).toMatch(/^Hybrid connection name must/);
    expect((await gql(LIST)).body.data?.relayRegistrations.map((r: { id: string }) => r.id)).toEqual([id]);
  });

  test("zz/../ecs-core in the connection string's EntityPath is refused at connectionString, naming EntityPath", async () => {
    const withPath = `${stack.rootConnectionString.replace(/;EntityPath=[^;]*/, "")};EntityPath=zz/../ecs-core`;
    const { body } = await gql(ADD, { input: { connectionString: withPath } });
    expect(body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "connectionString" });
    expect(body.errors?.[0].message).toContain("EntityPath must not have a '..' part");
    expect(JSON.stringify(body)).not.toContain(keyOf(stack.rootConnectionString));
  });
});

test("display names with bidi overrides, zero-width characters or a BOM are refused through the API", async () => {
  for (const name of ["\u202Eeroc-sce", "ecs\u200Bcore", "\uFEFFecs-core", "a\u2066b\u2069"]) {
    const { body } = await gql(ADD, { input: { connectionString: stack.listenConnectionString, hybridConnectionName: "ecs-core", name } });
    expect(body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
  }
  expect((await gql(LIST)).body.data?.relayRegistrations).toEqual([]);
});
