/**
 * GraphQL cost limits on a real host, over HTTP and graphql-ws alike: each limit refuses before execution
 * with QUERY_TOO_COMPLEX naming itself, settings change them, introspection is for signed-in callers, a
 * persistedQuery extension is a 400, and the defaults leave the tab's and the README's documents far inside.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Kind, Lexer, parse, Source, TokenKind, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { AzureApi } from "../../components/src/azure/azure-api";
import { RelayStatusChangedDocument } from "../../components/src/generated/graphql";
import type { GraphQLClient } from "../../components/src/graphql-client";
import { RegistrationsClient } from "../../components/src/registrations-client";
import { loadHostConfig } from "../../server/host/reference/config";
import { measureOperation } from "../../server/host/reference/graphql-cost";
import { firstResult, wsClient } from "../support/graphql-ws";
import { REPO_ROOT, startTestHost, type TestHost } from "../support/host";
import { startRelayStack, type RelayStack } from "../support/stack";

const DEFAULTS = loadHostConfig({}).graphqlLimits;

/** `relayRegistrations { relay { registrations { relay { … id } } } }` with `levels` fields in the chain. */
function nestedRelays(levels: number): string {
  const names = Array.from({ length: levels - 1 }, (_, i) => (i === 0 ? "relayRegistrations" : i % 2 ? "relay" : "registrations"));
  return `{ ${names.map((n) => `${n} {`).join(" ")} id ${"} ".repeat(levels - 1)}}`;
}

const ATTACKS = {
  maxDepth: { query: nestedRelays(DEFAULTS.maxDepth + 1), found: DEFAULTS.maxDepth + 1 },
  maxAliases: { query: `{ ${Array.from({ length: DEFAULTS.maxAliases + 1 }, (_, i) => `a${i}: hostInfo { hostId }`).join(" ")} }`, found: DEFAULTS.maxAliases + 1 },
  // 60 spreads of an 10-field fragment: few tokens, 600 field selections.
  maxFields: {
    query: `{ relayRegistrations { ${"...F ".repeat(60)}} } fragment F on RelayRegistration { id name namespace hybridConnectionName keyName keyFingerprint targetUrl enabled createdAt updatedAt }`,
    found: 601,
  },
  // Six nested lists, well within the depth limit: the estimate is over a million.
  maxCost: { query: `{ relays { ${"registrations { relay { ".repeat(5)}registrations { id } ${"} } ".repeat(5)}} }`, found: undefined },
  maxTokens: { query: `{ ${"__typename ".repeat(DEFAULTS.maxTokens)}}`, found: DEFAULTS.maxTokens + 1 },
} as const;

describe("GraphQL cost limits (defaults)", () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [REPO_ROOT] });
  });
  afterAll(async () => host?.stop());

  for (const [limit, attack] of Object.entries(ATTACKS)) {
    it(`refuses ${limit} over HTTP with 400 QUERY_TOO_COMPLEX naming the limit, anonymous or not`, async () => {
      for (const token of [null, host.adminToken]) {
        const { status, body } = await host.gql(attack.query, undefined, { token });
        expect(status).toBe(400);
        expect(body.data).toBeUndefined();
        expect(body.errors).toHaveLength(1);
        expect(body.errors![0].extensions).toEqual({ code: "QUERY_TOO_COMPLEX", limit, max: DEFAULTS[limit as keyof typeof DEFAULTS], found: attack.found ?? expect.any(Number) });
        expect(body.errors![0].message).toContain(`limit ${limit} = ${DEFAULTS[limit as keyof typeof DEFAULTS]}`);
      }
    });

    it(`refuses ${limit} over graphql-ws the same way`, async () => {
      const client = wsClient(host, host.adminToken);
      try {
        const result = await firstResult(client, attack.query);
        expect(result.data).toBeUndefined();
        expect(result.errors?.[0].extensions).toEqual({ code: "QUERY_TOO_COMPLEX", limit, max: DEFAULTS[limit as keyof typeof DEFAULTS], found: attack.found ?? expect.any(Number) });
      } finally {
        await client.dispose();
      }
    });
  }

  it("answers 1 000 and 2 000 levels of nesting with a 400 naming a limit, not a 500 stack overflow", async () => {
    for (const levels of [1000, 2000, 10_000]) {
      const query = `{ ${"relay { registrations { ".repeat(levels / 2)}id ${"} } ".repeat(levels / 2)}}`.replace("relay {", "relayRegistrations { relay {");
      const { status, body } = await host.gql(query, undefined, { token: null });
      expect(status).toBe(400);
      expect(body.errors?.[0].extensions?.code).toBe("QUERY_TOO_COMPLEX");
    }
  });

  it("refuses introspection to anonymous callers (401 UNAUTHENTICATED) and gives it to signed-in ones, on HTTP and ws", async () => {
    const query = `{ __schema { queryType { name } } }`;
    const anonymous = await host.gql(query, undefined, { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const typeQuery = await host.gql(`{ __type(name: "RelayRegistration") { name } }`, undefined, { token: null });
    expect(typeQuery.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    // __typename is not introspection of the schema: still open.
    expect((await host.gql(`{ __typename }`, undefined, { token: null })).body).toEqual({ data: { __typename: "Query" } });
    const reader = await host.gql(query, undefined, { token: host.readerToken });
    expect(reader.body).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
    const cookie = await host.signIn(host.readerToken);
    expect((await host.gql(query, undefined, { token: null, cookie })).body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
    const client = wsClient(host, host.readerToken);
    try {
      expect(await firstResult(client, query)).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
    } finally {
      await client.dispose();
    }
  });

  it("refuses a persistedQuery extension, malformed or mismatched, with 400 PERSISTED_QUERY_NOT_SUPPORTED (APQ is off)", async () => {
    const post = (body: unknown) =>
      fetch(`${host.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { errors: Array<{ extensions: { code: string } }> } }));
    const cases = [
      { query: "{ __typename }", extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } },
      { query: "{ __typename }", extensions: { persistedQuery: { version: 1, sha256Hash: "not-a-hash" } } },
      { extensions: { persistedQuery: { version: 1, sha256Hash: "abc" } } },
      { extensions: { persistedQuery: { version: 2, sha256Hash: 42 } } },
    ];
    for (const body of cases) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_SUPPORTED");
    }
  });

  it("lets every document of the tab and of the README's scripts through, within half of every default", async () => {
    const documents = [...(await tabDocuments()), ...readmeDocuments()];
    expect(documents.length).toBeGreaterThanOrEqual(15);
    const schema = host.services.schemas.current();
    for (const document of documents) {
      const parsed = parse(document);
      const fragments = new Map(parsed.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
      for (const operation of parsed.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)) {
        const measured = measureOperation(schema, operation, fragments, DEFAULTS.listCostFactor);
        expect({ document, depth: measured.depth <= DEFAULTS.maxDepth / 2, aliases: measured.aliases <= DEFAULTS.maxAliases / 2, fields: measured.fields <= DEFAULTS.maxFields / 2, cost: measured.cost <= DEFAULTS.maxCost / 2 })
          .toEqual({ document, depth: true, aliases: true, fields: true, cost: true });
      }
      expect({ document, tokens: countTokens(document) <= DEFAULTS.maxTokens / 2 }).toEqual({ document, tokens: true });
      // And the host runs them: whatever else they answer (variables here are dummies), it is never a limit.
      const { body } = await host.gql(document, { id: "x", cs: "x", namespace: "x", input: {} });
      expect({ document, codes: (body.errors ?? []).map((e) => e.extensions?.code).filter((c) => c === "QUERY_TOO_COMPLEX") }).toEqual({ document, codes: [] });
    }
  });
});

describe("GraphQL cost limits (settings)", () => {
  let stack: RelayStack;
  let host: TestHost;
  beforeAll(async () => {
    stack = await startRelayStack({
      hostEnv: { ECS_GRAPHQL_MAX_ALIASES: "2", ECS_GRAPHQL_MAX_DEPTH: "3", ECS_GRAPHQL_MAX_TOKENS: "100000", ECS_GRAPHQL_INTROSPECTION: "nobody" },
    });
    host = stack.host;
  });
  afterAll(async () => stack?.stop());

  it("reads the limits from the environment and refuses before anything executes", async () => {
    const add = (alias: string, hc: string) => `${alias}: addRelayRegistration(input: { connectionString: $cs, hybridConnectionName: "${hc}" }) { id }`;
    const { status, body } = await host.gql(`mutation($cs: String!) { ${add("a", "ecs-core")} ${add("b", "b")} ${add("c", "c")} }`, { cs: stack.listenConnectionString });
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toEqual({ code: "QUERY_TOO_COMPLEX", limit: "maxAliases", max: 2, found: 3 });
    // Not one registration was added: the refusal came before execution.
    expect((await host.gql(`{ relayRegistrations { id } }`)).body).toEqual({ data: { relayRegistrations: [] } });
    const deep = await host.gql(`{ hostInfo { plugins { id } } systemOperations { id } }`);
    expect(deep.body.errors).toBeUndefined();
    const tooDeep = await host.gql(`{ __schema { types { fields { name } } } }`);
    expect(tooDeep.body.errors?.[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "maxDepth", max: 3, found: 4 });
  });

  it("with the token limit raised, a nesting too deep for the parser is still a 400 naming the depth limit", async () => {
    const client = wsClient(host, host.adminToken);
    try {
      for (const levels of [3000, 20_000]) {
        const query = `{ ${"hostInfo { ".repeat(levels)}hostId ${"} ".repeat(levels)}}`;
        const { status, body } = await host.gql(query, undefined, { token: null });
        expect(status).toBe(400);
        expect(body.errors?.[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "maxDepth" });
        expect((await firstResult(client, query)).errors?.[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "maxDepth" });
      }
    } finally {
      await client.dispose();
    }
  });

  it("ECS_GRAPHQL_INTROSPECTION=nobody refuses introspection to the admin too (403 FORBIDDEN)", async () => {
    const { status, body } = await host.gql(`{ __schema { queryType { name } } }`);
    expect(status).toBe(403);
    expect(body.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses malformed settings at start, naming the variable", () => {
    expect(() => loadHostConfig({ ECS_GRAPHQL_MAX_DEPTH: "deep" })).toThrow(/ECS_GRAPHQL_MAX_DEPTH must be a whole number of at least 1, got "deep"/);
    expect(() => loadHostConfig({ ECS_GRAPHQL_MAX_COST: "0" })).toThrow(/ECS_GRAPHQL_MAX_COST/);
    expect(() => loadHostConfig({ ECS_GRAPHQL_INTROSPECTION: "sometimes" })).toThrow(/ECS_GRAPHQL_INTROSPECTION must be one of signed-in, everyone, nobody/);
    expect(loadHostConfig({ ECS_GRAPHQL_MAX_ALIASES: "0" }).graphqlLimits.maxAliases).toBe(0);
  });
});

/** Every document the tab sends: each RegistrationsClient / AzureApi method called against a recording client, plus the status subscription. */
async function tabDocuments(): Promise<string[]> {
  const documents: string[] = [];
  const recorder = { request: async (document: { toString(): string }) => (documents.push(document.toString()), new Proxy({}, { get: () => [] })) as never } as GraphQLClient;
  for (const api of [new RegistrationsClient(recorder), new AzureApi(recorder)]) {
    const prototype = Object.getPrototypeOf(api) as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype).filter((n) => n !== "constructor" && typeof prototype[n] === "function")) {
      await (api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[name]("x", {});
    }
  }
  return [...documents, RelayStatusChangedDocument.toString()];
}

/** The GraphQL documents of the README's curl examples: each `-d` JSON body (shell quoting undone) with a `query`. */
function readmeDocuments(): string[] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const doubleQuoted = [...readme.matchAll(/-d "((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(["\\$`])/g, "$1"));
  const singleQuoted = [...readme.matchAll(/-d '([^']*)'/g)].map((m) => m[1]);
  const found = [...doubleQuoted, ...singleQuoted]
    .map((body) => {
      try {
        return (JSON.parse(body) as { query?: unknown }).query;
      } catch {
        return undefined; // not a GraphQL body (the emulator's admin calls)
      }
    })
    .filter((query): query is string => typeof query === "string");
  if (found.length < 2) throw new Error(`expected the README's curl examples, found ${found.length}`);
  return found;
}

function countTokens(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}
