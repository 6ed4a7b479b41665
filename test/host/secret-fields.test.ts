/**
 * Field redaction, unit by unit: which fields the plugin declares secret, that the host log masks each of them by
 * name, and that redactResult masks by field (not by shape) while leaving non-secret values readable.
 */
import { createPubSub } from "@graphql-yoga/subscription";
import { GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, GraphQLInt, execute, parse, validate } from "graphql";
import { buildRelaySchema } from "../../server/plugin/graphql/schema";
import type { RelayApi } from "../../server/plugin/graphql/relay-api";
import { createLogger } from "../../server/host/reference/logger";
import { isSecretFieldName } from "../../server/host/reference/redact";
import { secretCoordinates } from "../../server/host/reference/secret-fields";
import { redactResult } from "../../server/host/reference/secret-redaction";
import { toFormattedError } from "../../server/host/reference/graphql-errors";

const pluginSchema = (): GraphQLSchema => buildRelaySchema({ auth: { can: () => false }, logger: console } as unknown as RelayApi, createPubSub());

describe("the plugin's secret fields", () => {
  it("are exactly the connection strings (the probe's Send string too), the client secret, the token and the check's argument", () => {
    expect(secretCoordinates(pluginSchema())).toEqual([
      "AddRelayRegistrationInput.connectionString",
      "Query.checkRelayConnectionString(connectionString)",
      "RelayCredentialInput.clientSecret",
      "RelayCredentialInput.token",
      "RelayProbeSettingsInput.sendConnectionString",
      "UpdateRelayRegistrationInput.connectionString",
    ]);
  });

  it("are each masked by name in the host log, at any depth; descriptive names stay", () => {
    const names = [...new Set(secretCoordinates(pluginSchema()).map((c) => /\.(\w+)\)?$/.exec(c.replace(/\(/, "."))![1]))];
    expect(names.sort()).toEqual(["clientSecret", "connectionString", "sendConnectionString", "token"]);
    const lines: string[] = [];
    const log = createLogger({ write: (l) => void lines.push(l), format: "json" });
    const nested = Object.fromEntries(names.map((name, i) => [name, { shape: ["odd", `plainvalue${i}`] }]));
    log.info("input", { input: { credential: nested }, keyName: "Root", keyFingerprint: "sha256:abc", secretFingerprint: "sha256:def", hybridConnectionName: "hc" });
    for (const name of names) expect(isSecretFieldName(name)).toBe(true);
    expect(lines[0]).not.toMatch(/plainvalue/);
    expect(JSON.parse(lines[0])).toMatchObject({ keyName: "Root", keyFingerprint: "sha256:abc", secretFingerprint: "sha256:def", hybridConnectionName: "hc" });
  });
});

describe("redactResult on a code-first schema (extensions.secret)", () => {
  const Credential = new GraphQLInputObjectType({
    name: "Credential",
    fields: { user: { type: new GraphQLNonNull(GraphQLString) }, password: { type: GraphQLString, extensions: { secret: true } }, pin: { type: GraphQLInt } },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: "Query",
      fields: {
        login: { type: GraphQLString, args: { c: { type: new GraphQLList(Credential) } }, resolve: () => "ok" },
        echo: { type: GraphQLString, args: { s: { type: GraphQLString, extensions: { secret: true } } }, resolve: (_src, args) => `you said ${args.s}` },
      },
    }),
  });
  const run = (query: string, variables?: Record<string, unknown>) => {
    const document = parse(query);
    const invalid = validate(schema, document);
    const raw = invalid.length ? { errors: invalid } : (execute({ schema, document, variableValues: variables }) as { data?: unknown; errors?: readonly import("graphql").GraphQLError[] });
    const formatted = { ...raw, errors: raw.errors?.map(toFormattedError) } as Parameters<typeof redactResult>[0];
    if (!formatted.errors) delete formatted.errors;
    return redactResult(formatted, { schema, document, variables });
  };

  it("masks a secret inside a list of objects and keeps the non-secret values and the reason", () => {
    const out = run(`query($c: [Credential]) { login(c: $c) }`, { c: [{ user: "alice", password: "pa55word-one" }, { password: "pa55word-two", pin: "not a number" }] });
    const text = JSON.stringify(out);
    expect(text).not.toContain("pa55word");
    const messages = out.errors!.map((e) => e.message);
    expect(messages).toContain('Variable "$c" got invalid value { password: [REDACTED], pin: "not a number" } at "c[1]"; Field "user" of required type "String!" was not provided.');
    expect(messages).toContain('Variable "$c" got invalid value "not a number" at "c[1].pin"; Int cannot represent non-integer value: "not a number"');
  });

  it("leaves errors about non-secret fields exactly as graphql-js wrote them", () => {
    const out = run(`query($c: [Credential]) { login(c: $c) }`, { c: [{ user: 42 }] });
    expect(out.errors?.[0].message).toBe('Variable "$c" got invalid value 42 at "c[0].user"; String cannot represent a non string value: 42');
  });

  it("masks a short numeric secret only where it is printed, not every digit of the message", () => {
    const out = run(`query($c: [Credential]) { login(c: $c) }`, { c: [{ user: "u", password: 7 }] });
    expect(out.errors?.[0].message).toBe('Variable "$c" got invalid value [REDACTED] at "c[0].password"; String cannot represent a non string value: [REDACTED]');
  });

  it("masks a secret deeper than graphql-js prints, and in a list longer than it prints", () => {
    const deep = { a: { b: { c: { d: "deep-secret-value" } } } };
    const many = Array.from({ length: 15 }, (_, i) => `many-secret-${i}`);
    const out = run(`query($c: [Credential]) { login(c: $c) }`, { c: [{ user: "u", password: deep }, { user: "u", password: many }] });
    expect(JSON.stringify(out)).not.toMatch(/deep-secret|many-secret/);
    expect(out.errors).toHaveLength(2);
  });

  it("masks the whole value of a secret argument given as a variable of the wrong type, and as a literal", () => {
    const variable = run(`query($s: String) { echo(s: $s) }`, { s: { nested: "argument-secret" } });
    const literal = run(`{ echo(s: { nested: "literal-secret" }) }`);
    expect(JSON.stringify([variable, literal])).not.toMatch(/argument-secret|literal-secret/);
    expect(variable.errors?.[0].message).toBe('Variable "$s" got invalid value [REDACTED]; String cannot represent a non string value: [REDACTED]');
    expect(literal.errors?.[0].message).toBe("String cannot represent a non string value: [REDACTED]");
  });

  it("masks a secret value wherever a resolver would return it (the last net)", () => {
    const out = run(`query($s: String) { echo(s: $s) }`, { s: "returned-secret" });
    expect(out).toEqual({ data: { echo: "you said [REDACTED]" } });
  });

  it("returns an answer without secrets and without errors untouched (same object)", () => {
    const result = { data: { login: "ok" } };
    expect(redactResult(result, { schema, query: `{ login(c: [{ user: "u" }]) }` })).toBe(result);
  });
});
