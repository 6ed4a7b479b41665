/**
 * Thousands of generated inputs (fixed seed) against a real host over HTTP — addRelayRegistration,
 * updateRelayRegistration, setRelayManagementAccess, checkRelayConnectionString — as variables and as literals:
 * never a 5xx, every error carries a stable `extensions.code` (never INTERNAL_SERVER_ERROR), and no value
 * generated for a secret field appears in the answer or in the host's log lines written meanwhile.
 * Inputs are batched (aliases) so the file stays well under half a minute on a busy machine.
 */
import fc from "fast-check";
import { Kind, print } from "graphql";
import { startTestHost, type TestHost } from "../support/host";
import { addInput, checkArgument, connectionString, managementInput, updateInput, type Sample } from "./input-arbitraries";

/** Change to explore; keep fixed in the repo so a failure reproduces. */
const SEED = 20261130;
/** Aliases per request: below any sensible alias/cost limit, so inputs reach the resolvers. */
const BATCH = 8;

interface Answer {
  status: number;
  text: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: unknown } }> };
}

let host: TestHost;
let registrationId: string;

beforeAll(async () => {
  host = await startTestHost();
  // One disabled registration to update (loopback emulator endpoint: nothing ever connects).
  const key = Buffer.alloc(32, 7).toString("base64");
  const added = await host.gql<{ addRelayRegistration: { id: string } }>(
    `mutation($i: AddRelayRegistrationInput!) { addRelayRegistration(input: $i) { id } }`,
    { i: { connectionString: `Endpoint=sb://127.0.0.1:9/;SharedAccessKeyName=k;SharedAccessKey=${key};EntityPath=hostile;UseDevelopmentEmulator=true`, enabled: false } },
  );
  registrationId = added.body.data!.addRelayRegistration.id;
});
afterAll(async () => {
  await host?.stop();
});

async function post(query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(`${host.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${host.adminToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: Answer["body"];
  try {
    body = JSON.parse(text) as Answer["body"];
  } catch {
    body = {};
  }
  return { status: response.status, text, body };
}

/** Every form a secret can take in an answer: as is, JSON-escaped, GraphQL-printed. */
function forms(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), print({ kind: Kind.STRING, value: secret }).slice(1, -1)])];
}

/** The checks every answer must pass. */
function expectSafe(answer: Answer, secrets: string[], logLines: string[]): void {
  expect(answer.status).toBeLessThan(500);
  const body = answer.body;
  expect(body.data !== undefined || (body.errors?.length ?? 0) > 0).toBe(true);
  for (const error of body.errors ?? []) {
    expect(typeof error.extensions?.code).toBe("string");
    expect(error.extensions?.code).toMatch(/^[A-Z][A-Z_]+$/);
    if (error.extensions?.code === "INTERNAL_SERVER_ERROR") throw new Error(`INTERNAL_SERVER_ERROR: ${error.message.slice(0, 300)}`);
  }
  // Parsed strings hold escapes decoded; the raw text holds them encoded: look in both.
  const haystacks = [answer.text, JSON.stringify(body), ...logLines];
  for (const secret of secrets.filter((s) => s.length >= 8)) {
    for (const form of forms(secret)) {
      for (const hay of haystacks) if (hay.includes(form)) throw new Error(`secret echoed (${JSON.stringify(secret.slice(0, 60))}…) in: ${hay.slice(Math.max(0, hay.indexOf(form) - 200), hay.indexOf(form) + 80)}`);
    }
  }
}

/** Sends `batch` as one request of aliased fields, one variable each; checks the answer and the new log lines. */
async function sendBatch(batch: Sample[], variableType: string, field: (variable: string) => string): Promise<Answer> {
  const logStart = host.logs.length;
  const definitions = batch.map((_, i) => `$v${i}: ${variableType}`).join(", ");
  const selections = batch.map((_, i) => `a${i}: ${field(`$v${i}`)}`).join("\n");
  const operation = variableType.startsWith("String") ? "query" : "mutation";
  const variables = Object.fromEntries(batch.map((sample, i) => [`v${i}`, sample.input]));
  const answer = await post(`${operation}(${definitions}) {\n${selections}\n}`, variables);
  expectSafe(answer, batch.flatMap((s) => s.secrets), host.logs.slice(logStart));
  // The document is fixed and valid: every refusal must come from the inputs, not from the test's own query.
  for (const error of answer.body.errors ?? []) expect(error.extensions?.code).not.toMatch(/GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED/);
  return answer;
}

/** Well-typed inputs must pass variable coercion, or the test silently stops reaching the services. */
function expectExecuted(answer: Answer): void {
  for (const error of answer.body.errors ?? []) expect(error.message).not.toMatch(/^Variable "\$/);
}

/** Runs `check` on `numRuns` generated batches; a failure names the seed and path and shows a short counterexample. */
async function run(arbitrary: fc.Arbitrary<Sample[]>, numRuns: number, check: (batch: Sample[]) => Promise<unknown>): Promise<void> {
  const details = await fc.check(fc.asyncProperty(arbitrary, async (batch) => void (await check(batch))), { seed: SEED, numRuns, endOnFailure: true });
  if (!details.failed) return;
  const example = JSON.stringify(details.counterexample, (_k, v: unknown) => (typeof v === "string" && v.length > 120 ? `${v.slice(0, 120)}…(${v.length})` : v));
  throw new Error(`seed ${details.seed}, path ${details.counterexamplePath}: ${String(details.errorInstance).slice(0, 1500)}\ncounterexample: ${example.slice(0, 3000)}`);
}

const batches = <T>(arb: fc.Arbitrary<Sample<T>>, size = BATCH) => fc.array(arb as fc.Arbitrary<Sample>, { minLength: size, maxLength: size });

describe("generated inputs over HTTP (fixed seed)", () => {
  test("checkRelayConnectionString: 800 connection strings and wrong types", async () => {
    await run(batches(checkArgument), 100, (batch) => sendBatch(batch, "String!", (v) => `checkRelayConnectionString(connectionString: ${v}) { valid problems { field message } }`));
  });

  test("checkRelayConnectionString: 640 well-typed connection strings reach the checker, each answered with data", async () => {
    await run(batches(connectionString), 80, async (batch) => {
      const answer = await sendBatch(batch, "String!", (v) => `checkRelayConnectionString(connectionString: ${v}) { valid endpoint keyName entityPath problems { field message } }`);
      if (answer.status === 200 && !answer.body.errors) expect(Object.keys(answer.body.data as object)).toHaveLength(BATCH);
    });
  });

  // A failing non-null mutation field stops the fields after it, so well-typed inputs go one per request
  // (each reaches its service); wrongly typed ones are refused while coercing variables, so they batch well.
  describe.each([
    ["well-typed (each reaches the services' validation)", true, 1, 120],
    ["wrongly typed, nested garbage, unknown and missing fields", false, BATCH, 40],
  ])("%s", (_label, typed, size, runs) => {
    test(`addRelayRegistration: ${size * runs} inputs`, async () => {
      await run(batches(addInput(typed), size), runs, async (batch) => {
        const answer = await sendBatch(batch, "AddRelayRegistrationInput!", (v) => `addRelayRegistration(input: ${v}) { id keyName keyFingerprint }`);
        if (typed) expectExecuted(answer);
      });
    });

    test(`updateRelayRegistration: ${size * runs} inputs, against a real registration (and a made-up id)`, async () => {
      await run(batches(updateInput(typed), size), runs, async (batch) => {
        const answer = await sendBatch(batch, "UpdateRelayRegistrationInput!", (v) => `updateRelayRegistration(id: "${typed || v === "$v1" ? registrationId : "no-such-id"}", input: ${v}) { id keyFingerprint }`);
        if (typed) expectExecuted(answer);
      });
    });

    test(`setRelayManagementAccess: ${size * runs} inputs`, async () => {
      await run(batches(managementInput(typed), size), runs, async (batch) => {
        const answer = await sendBatch(batch, "SetRelayManagementAccessInput!", (v) => `setRelayManagementAccess(input: ${v}) { namespace credentialKind secretFingerprint }`);
        if (typed) expectExecuted(answer);
      });
    });
  });

  test("240 inputs as literals in the document (validation errors), 3 per request", async () => {
    const literalBatch = fc.array(fc.oneof(addInput(false), managementInput(false), addInput(true), managementInput(true)) as fc.Arbitrary<Sample>, { minLength: 3, maxLength: 3 });
    await run(literalBatch, 80, async (batch) => {
      const logStart = host.logs.length;
      const fields = batch.map((sample, i) =>
        "credential" in (sample.input as object)
          ? `m${i}: setRelayManagementAccess(input: ${literal(sample.input)}) { namespace }`
          : `r${i}: addRelayRegistration(input: ${literal(sample.input)}) { id }`,
      );
      const answer = await post(`mutation {\n${fields.join("\n")}\n}`);
      expectSafe(answer, batch.flatMap((s) => s.secrets), host.logs.slice(logStart));
    });
  });
});

/** A JSON value as a GraphQL literal (object keys made valid names; strings as GraphQL prints them). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (typeof value === "object") {
    const fields = Object.entries(value).map(([key, item]) => `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(key) ? key : `k${Buffer.from(key).toString("hex").slice(0, 16)}`}: ${literal(item)}`);
    return `{ ${fields.join(", ")} }`;
  }
  if (typeof value === "string") return /^[A-Z_]+$/.test(value) && value.length > 3 ? value : print({ kind: Kind.STRING, value });
  return String(value);
}

test("more than 50 variable errors in one request: still BAD_USER_INPUT, not an internal error", async () => {
  // 8 inputs × 7 errors each (5 wrong types, 2 unknown fields): few aliases, so no cost limit refuses the request first.
  const wrong = (i: number) => ({ connectionString: i, name: [i], hybridConnectionName: {}, targetUrl: 1.5, enabled: "x", extra: 1, more: 2 });
  const variables = Object.fromEntries(Array.from({ length: BATCH }, (_, i) => [`v${i}`, wrong(i)]));
  const definitions = Object.keys(variables).map((name) => `$${name}: AddRelayRegistrationInput!`).join(", ");
  const fields = Object.keys(variables).map((name) => `${name}: addRelayRegistration(input: $${name}) { id }`).join("\n");
  const answer = await post(`mutation(${definitions}) {\n${fields}\n}`, variables);
  expectSafe(answer, [], []);
  expect(answer.body.errors?.some((e) => e.message.startsWith("Too many errors processing variables"))).toBe(true);
});

test("deeply nested garbage (200 000 levels, sent as raw JSON) in a secret field and as a whole input: coded errors, no 5xx", async () => {
  const deep = (inner: string) => `${"[".repeat(100_000)}${"{\"v\":".repeat(100_000)}${inner}${"}".repeat(100_000)}${"]".repeat(100_000)}`;
  const add = JSON.stringify(`mutation($i: AddRelayRegistrationInput!) { addRelayRegistration(input: $i) { id } }`);
  const check = JSON.stringify(`query($c: String!) { checkRelayConnectionString(connectionString: $c) { valid } }`);
  const bodies = [
    `{"query":${add},"variables":{"i":{"connectionString":${deep('"deep-secret-value"')},"enabled":false}}}`,
    `{"query":${add},"variables":{"i":${deep('{"connectionString":"deep-secret-value"}')}}}`,
    `{"query":${check},"variables":{"c":${deep('"deep-secret-value"')}}}`,
  ];
  for (const body of bodies) {
    const response = await fetch(`${host.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${host.adminToken}` }, body });
    const text = await response.text();
    let parsed: Answer["body"] = {};
    try {
      parsed = JSON.parse(text) as Answer["body"];
    } catch {
      // a non-JSON answer fails below (no errors, no data)
    }
    expectSafe({ status: response.status, text, body: parsed }, ["deep-secret-value"], []);
  }
});

test("10 000 distinct values under secret fields: errors withheld whole, still coded, nothing echoed", async () => {
  const many = Array.from({ length: 10_000 }, (_, i) => `many-secret-${i.toString(36).padStart(4, "0")}`);
  const variables = Object.fromEntries(Array.from({ length: BATCH }, (_, i) => [`v${i}`, { connectionString: many.slice(i * 1250, (i + 1) * 1250), enabled: false }]));
  const definitions = Object.keys(variables).map((name) => `$${name}: AddRelayRegistrationInput!`).join(", ");
  const fields = Object.keys(variables).map((name) => `${name}: addRelayRegistration(input: $${name}) { id }`).join("\n");
  const answer = await post(`mutation(${definitions}) {\n${fields}\n}`, variables);
  expectSafe(answer, many, []);
  expect(answer.body.errors?.[0].message).toMatch(/error details are withheld/);
});
