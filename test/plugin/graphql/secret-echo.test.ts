/**
 * Write-only secrets are never echoed (issue 15, item 4): the values of `@secret` input fields (connectionString,
 * clientSecret, token, the checkRelayConnectionString argument) leave no trace in errors, extensions, data or the
 * host log — wrong type, nested, in a list, under a misspelt field, as a literal, over HTTP and graphql-ws — while
 * the messages still name the field and say what is wrong.
 */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { startTestHost, type TestHost } from "../../support/host";

const SET = `mutation($input: SetRelayManagementAccessInput!) { setRelayManagementAccess(input: $input) { namespace } }`;
const ADD = `mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { id } }`;
const UPDATE = `mutation($input: UpdateRelayRegistrationInput!) { updateRelayRegistration(id: "nope", input: $input) { id } }`;
const CHECK = `query($c: String!) { checkRelayConnectionString(connectionString: $c) { valid problems { field message } } }`;

interface Answer {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

let counter = 0;
/** A fresh secret per case, so a hit names the case that leaked. */
const secret = (label: string): string => `S3cr3t-${label}-${++counter}-qZ8vW2`;

/** Fails naming where `value` (or its JSON-escaped form) shows up in the answer. */
function expectNoEcho(answer: unknown, ...values: string[]): void {
  const text = JSON.stringify(answer);
  for (const value of values) {
    expect(text).not.toContain(value);
    expect(text).not.toContain(JSON.stringify(value).slice(1, -1));
  }
}

function withoutSubscription(credential: Record<string, unknown>): Record<string, unknown> {
  return { namespace: "contoso.servicebus.windows.net", resourceGroup: "rg", namespaceName: "contoso", credential };
}

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host?.stop();
});

const ask = async (query: string, variables?: Record<string, unknown>): Promise<Answer> => (await host.gql(query, variables)).body as Answer;

describe("the cases of issue 15 (HTTP)", () => {
  test("setRelayManagementAccess without subscriptionId: the client secret is masked, the missing field is named", async () => {
    const value = secret("client-secret");
    const answer = await ask(SET, { input: withoutSubscription({ kind: "CLIENT_SECRET", tenantId: "tenant-1", clientId: "client-1", clientSecret: value }) });
    expectNoEcho(answer, value);
    expect(answer.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(answer.errors?.[0].message).toContain('Field "subscriptionId" of required type "String!" was not provided');
    // The rest of the value stays visible: only the secret goes.
    expect(answer.errors?.[0].message).toContain('tenantId: "tenant-1"');
    expect(answer.errors?.[0].message).toContain("clientSecret: [REDACTED]");
  });

  test("setRelayManagementAccess without subscriptionId: the static token is masked", async () => {
    const value = secret("token");
    const answer = await ask(SET, { input: withoutSubscription({ kind: "STATIC_TOKEN", token: value }) });
    expectNoEcho(answer, value);
    expect(answer.errors?.[0].message).toMatch(/subscriptionId.*was not provided/);
  });

  test.each([
    ["a number", (s: string) => Number(s.replace(/\D/g, "").slice(0, 12) + "7")],
    ["an object", (s: string) => ({ nested: { deeper: s } })],
    ["a list", (s: string) => [s, s]],
  ])("a wrongly typed connection string (%s) is not echoed; the path and the expected type are", async (_label, shape) => {
    const value = secret("cs");
    const given = shape(value);
    const answer = await ask(ADD, { input: { connectionString: given } });
    expectNoEcho(answer, value, typeof given === "number" ? String(given) : value);
    expect(answer.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(answer.errors?.[0].message).toContain('at "input.connectionString"');
    expect(answer.errors?.[0].message).toContain("String cannot represent a non string value");
  });
});

describe("other shapes (HTTP)", () => {
  test("token of the wrong type, rotation connection string of the wrong type, check argument of the wrong type", async () => {
    const token = secret("token-object");
    const rotation = secret("rotation");
    const check = secret("check");
    const answers = [
      await ask(SET, { input: { ...withoutSubscription({ kind: "STATIC_TOKEN", token: { t: token } }), subscriptionId: "sub" } }),
      await ask(UPDATE, { input: { connectionString: [{ again: rotation }] } }),
      await ask(CHECK, { c: { x: check } }),
    ];
    expectNoEcho(answers, token, rotation, check);
    expect(answers[0].errors?.[0].message).toContain('at "input.credential.token"');
    expect(answers[1].errors?.[0].message).toContain('at "input.connectionString"');
    expect(answers[2].errors?.[0].message).toMatch(/^Variable "\$c" got invalid value \[REDACTED\]/);
  });

  test("a secret under a misspelt field and alongside an unknown field is masked too", async () => {
    const misspelt = secret("misspelt");
    const beside = secret("beside");
    const answer = await ask(SET, { input: { ...withoutSubscription({ kind: "CLIENT_SECRET", clientsecret: misspelt }), subscriptionId: "s" } });
    const second = await ask(ADD, { input: { connectionString: beside, extraField: 1 } });
    expectNoEcho([answer, second], misspelt, beside);
    expect(answer.errors?.[0].message).toContain('Field "clientsecret" is not defined by type "RelayCredentialInput"');
    expect(second.errors?.[0].message).toContain('Field "extraField" is not defined');
  });

  test("literals in the document: wrong types given to secret fields and arguments are masked in validation errors", async () => {
    const a = secret("literal-object");
    const b = secret("literal-list");
    const c = secret("literal-arg");
    const answers = [
      await ask(`mutation { addRelayRegistration(input: { connectionString: { v: "${a}" } }) { id } }`),
      await ask(`mutation { setRelayManagementAccess(input: { namespace: "n.servicebus.windows.net", subscriptionId: "s", resourceGroup: "r", namespaceName: "n", credential: { kind: STATIC_TOKEN, token: ["${b}"] } }) { namespace } }`),
      await ask(`{ checkRelayConnectionString(connectionString: { x: ["${c}"] }) { valid } }`),
      await ask(`mutation { addRelayRegistration(input: { connectionString: 918273645546372819 }) { id } }`),
    ];
    expectNoEcho(answers, a, b, c, "918273645546372819");
    for (const answer of answers) expect(answer.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(answers[0].errors?.[0].message).toContain("String cannot represent a non string value");
  });

  test("a document that does not parse does not echo its string tokens", async () => {
    const value = secret("syntax");
    const answer = await ask(`{ checkRelayConnectionString(connectionString "${value}") { valid } }`);
    expectNoEcho(answer, value);
    expect(answer.errors?.[0].message).toMatch(/^Syntax Error: Expected ":", found String \[REDACTED\]/);
  });

  test("a valid call never returns the value it was given (guard: the check names keys, never values)", async () => {
    const value = "notaconnectionstringatall";
    const answer = await ask(CHECK, { c: value });
    expectNoEcho(answer, value);
    expect(answer.data).toMatchObject({ checkRelayConnectionString: { valid: false } });
  });
});

describe("graphql-ws", () => {
  let ws: Client;
  beforeAll(() => {
    ws = createClient({ url: `${host.url.replace(/^http/, "ws")}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${host.adminToken}` }, retryAttempts: 0, lazy: true });
  });
  afterAll(async () => {
    await ws?.dispose();
  });

  const over = async (query: string, variables?: Record<string, unknown>): Promise<Answer> => {
    const iterator = ws.iterate({ query, variables });
    try {
      return (await iterator.next()).value as Answer;
    } catch (errors) {
      return { errors: errors as Answer["errors"] };
    } finally {
      await iterator.return?.();
    }
  };

  test("variable errors (execution) and literal errors (validation) are masked the same way", async () => {
    const client = secret("ws-client-secret");
    const cs = secret("ws-cs");
    const literal = secret("ws-literal");
    const missing = await over(SET, { input: withoutSubscription({ kind: "CLIENT_SECRET", tenantId: "t", clientId: "c", clientSecret: client }) });
    const wrongType = await over(ADD, { input: { connectionString: { cs } } });
    const inDocument = await over(`mutation { addRelayRegistration(input: { connectionString: ["${literal}"] }) { id } }`);
    const unparsable = await over(`{ checkRelayConnectionString(connectionString "${literal}-syntax") { valid } }`);
    expectNoEcho([missing, wrongType, inDocument, unparsable], client, cs, literal);
    expect(unparsable.errors?.[0].message).toMatch(/^Syntax Error: .*String \[REDACTED\]/);
    expect(missing.errors?.[0].message).toMatch(/subscriptionId.*was not provided/);
    expect(wrongType.errors?.[0].message).toContain('at "input.connectionString"');
    expect(inDocument.errors?.[0].message).toContain("String cannot represent a non string value");
  });
});

test("no secret of this file reached the host log", () => {
  const log = host.logs.join("\n");
  expect(log).not.toMatch(/S3cr3t-/);
  expect(log).not.toContain("notaconnectionstringatall");
});
