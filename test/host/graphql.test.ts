/** GraphQL on the reference host: schema merging, callers from token/cookie, error codes, CSRF prevention. */
import * as path from "node:path";
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { HOST_CONTRACT_VERSION } from "../../server/host/contract";
import { startTestHost, type TestHost } from "../support/host";

const FIXTURE = path.join(__dirname, "fixtures/fixture-plugin");

describe("reference host GraphQL", () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [FIXTURE] });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it("serves hostInfo to anonymous callers, naming the loaded plugins", async () => {
    const { status, body } = await host.gql("{ hostInfo { hostId contractVersion plugins { id name version } } }", undefined, { token: null });
    expect(status).toBe(200);
    expect(body.data).toEqual({ hostInfo: { hostId: "test-host", contractVersion: HOST_CONTRACT_VERSION, plugins: [{ id: "fixture", name: "Fixture plugin", version: "1.2.3" }] } });
  });

  it("merges the plugin's schema: plugin fields see the caller from the bearer token", async () => {
    expect((await host.gql("{ fixtureWhoAmI }")).body.data).toEqual({ fixtureWhoAmI: "token:admin" });
    expect((await host.gql("{ fixtureWhoAmI }", undefined, { token: host.readerToken })).body.data).toEqual({ fixtureWhoAmI: "token:reader" });
  });

  it("passes anonymous callers to plugin fields, whose HostError becomes extensions.code", async () => {
    const { body } = await host.gql("{ fixtureWhoAmI }", undefined, { token: null });
    expect(body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(body.errors?.[0].message).toBe("fixture: sign in first");
  });

  it("treats a wrong bearer token as anonymous", async () => {
    const { body } = await host.gql("{ fixtureWhoAmI }", undefined, { token: "not-a-token" });
    expect(body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("answers UNAUTHENTICATED on host fields for anonymous callers", async () => {
    const { body } = await host.gql("{ systemOperations { id } }", undefined, { token: null });
    expect(body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lists system operations with the manifest's texts", async () => {
    const { body } = await host.gql<{ systemOperations: unknown[] }>("{ systemOperations { id title description confirm permission } }");
    expect(body.data?.systemOperations).toEqual([
      { id: "fixture.ping", title: "Ping the fixture", description: "Answers pong and counts the runs.", confirm: false, permission: "fixture.operations:run" },
    ]);
  });

  it("runs a system operation for admin and refuses the reader with FORBIDDEN", async () => {
    const run = 'mutation { runSystemOperation(id: "fixture.ping") { ok summary summaryMessage { code } lines { code } details } }';
    // An operation without messages by code: no summaryMessage, no lines (the English summary is all there is).
    expect((await host.gql(run)).body.data).toEqual({ runSystemOperation: { ok: true, summary: "pong", summaryMessage: null, lines: [], details: '{"pinged":true}' } });
    const refused = await host.gql(run, undefined, { token: host.readerToken });
    expect(refused.body.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const missing = await host.gql('mutation { runSystemOperation(id: "nope") { ok } }');
    expect(missing.body.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("accepts a session cookie from /login as the caller", async () => {
    const cookie = await host.signIn(host.readerToken);
    const { body } = await host.gql("{ fixtureWhoAmI }", undefined, { token: null, cookie });
    expect(body.data).toEqual({ fixtureWhoAmI: "session:reader" });
  });

  it("refuses a cookie-session 'simple' request without a CSRF header (Apollo CSRF prevention)", async () => {
    const cookie = await host.signIn();
    const response = await fetch(`${host.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "text/plain", cookie },
      body: JSON.stringify({ query: "mutation { fixtureIncrement }" }),
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text).toMatch(/CSRF/i);
    expect((await host.gql("{ fixtureCounter }")).body.data).toEqual({ fixtureCounter: 0 });
  });

  it("answers FORBIDDEN from the plugin when a reader mutates", async () => {
    const { body } = await host.gql("mutation { fixtureIncrement }", undefined, { token: host.readerToken });
    expect(body.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("serves a schema registered after start, and drops it when disposed", async () => {
    const query = new GraphQLObjectType({ name: "Query", fields: { lateField: { type: GraphQLString, resolve: () => "late" } } });
    const registration = host.services.forPlugin("fixture").graphql.registerSchema(new GraphQLSchema({ query }));
    expect((await host.gql("{ lateField fixtureWhoAmI }")).body.data).toEqual({ lateField: "late", fixtureWhoAmI: "token:admin" });
    registration.dispose();
    const gone = await host.gql("{ lateField }");
    expect(gone.body.errors?.[0].message).toMatch(/Cannot query field "lateField"/);
    expect((await host.gql("{ fixtureWhoAmI }")).body.data).toEqual({ fixtureWhoAmI: "token:admin" });
  });

  it("serves no Apollo landing page (it would need inline script and a CDN): browsers get the offline explorer after sign-in", async () => {
    const browser = await fetch(`${host.url}/graphql`, { headers: { accept: "text/html" }, redirect: "manual" });
    expect([browser.status, browser.headers.get("location")]).toEqual([302, "/login"]); // explorer.test.ts: signed in
    const response = await fetch(`${host.url}/graphql`, { headers: { accept: "*/*" } });
    const text = await response.text();
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    expect(text).not.toMatch(/<script/i);
    expect(response.status).toBe(400);
  });

  it("redacts secrets from error messages and sends no stack traces", async () => {
    const key = "Xy9zQ2mN4pR7sT1uV3wY5aB8cD0eF6gH2iJ4kL6mN8o=";
    const query = new GraphQLObjectType({
      name: "Query",
      fields: { careless: { type: GraphQLString, resolve: () => { throw new Error(`could not parse SharedAccessKey=${key}`); } } },
    });
    const registration = host.services.forPlugin("fixture").graphql.registerSchema(new GraphQLSchema({ query }));
    try {
      const { body } = await host.gql("{ careless }");
      expect(JSON.stringify(body)).not.toContain(key);
      expect(body.errors?.[0].message).toMatch(/^could not parse SharedAccessKey=/);
      expect(body.errors?.[0].extensions).not.toHaveProperty("stacktrace");
    } finally {
      registration.dispose();
    }
  });

  it("answers a malformed JSON body with 400", async () => {
    const response = await fetch(`${host.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: "{ nope" });
    expect(response.status).toBe(400);
    await response.text();
  });
});
