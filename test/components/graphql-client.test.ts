import { createHttpClient, GraphQLRequestError } from "../../components/src/graphql-client";
import { ClearConsumerWebsiteCachesDocument, RelayRegistrationsDocument, RemoveRelayRegistrationDocument } from "../../components/src/generated/graphql";

function fakeFetch(status: number, body: unknown, calls: Array<[string, RequestInit]> = []): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push([String(input), init ?? {}]);
    const text = typeof body === "string" ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { "content-type": "application/json" } });
  }) as typeof fetch;
}

async function failure(promise: Promise<unknown>): Promise<GraphQLRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphQLRequestError) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe("createHttpClient", () => {
  it("posts a generated document's text and its variables as JSON to /graphql on the same origin with the session cookie", async () => {
    const calls: Array<[string, RequestInit]> = [];
    const client = createHttpClient({ fetch: fakeFetch(200, { data: { removeRelayRegistration: "r1" } }, calls) });
    await expect(client.request(RemoveRelayRegistrationDocument, { id: "r1" })).resolves.toEqual({ removeRelayRegistration: "r1" });
    const [url, init] = calls[0];
    expect(url).toBe("/graphql");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    expect((init.headers as Record<string, string>)["content-type"]).toBe("application/json");
    const body = JSON.parse(String(init.body)) as { query: string; variables: unknown };
    expect(body.query).toContain("mutation RemoveRelayRegistration($id: ID!)");
    expect(body.variables).toEqual({ id: "r1" });
  });

  it("sends a document's fragments along with it", async () => {
    const calls: Array<[string, RequestInit]> = [];
    await createHttpClient({ fetch: fakeFetch(200, { data: { relayRegistrations: [] } }, calls) }).request(RelayRegistrationsDocument);
    const query = (JSON.parse(String(calls[0][1].body)) as { query: string }).query;
    expect(query).toContain("...RegistrationFields");
    for (const fragment of ["RegistrationFields", "RelayStatusFields", "RelayTrafficFields"]) expect(query).toContain(`fragment ${fragment} on`);
  });

  it("carries extensions.params for a translated message", async () => {
    const client = createHttpClient({
      fetch: fakeFetch(200, { errors: [{ message: "no", extensions: { code: "NOT_FOUND", field: "id", params: { id: "r9" } } }] }),
    });
    const error = await failure(client.request(ClearConsumerWebsiteCachesDocument));
    expect(error).toMatchObject({ code: "NOT_FOUND", field: "id", params: { id: "r9" } });
  });

  it("types GraphQL errors by code, field and problems", async () => {
    const problems = [{ field: "Endpoint", message: "Endpoint is missing" }];
    const client = createHttpClient({
      fetch: fakeFetch(200, { data: null, errors: [{ message: "bad", extensions: { code: "BAD_USER_INPUT", field: "Endpoint", problems } }] }),
    });
    const error = await failure(client.request(ClearConsumerWebsiteCachesDocument));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.field).toBe("Endpoint");
    expect(error.problems).toEqual(problems);
    expect(error.message).toBe("bad");
  });

  it("reads errors from non-200 answers too (Apollo answers 400 for some)", async () => {
    const client = createHttpClient({ fetch: fakeFetch(400, { errors: [{ message: "nope", extensions: { code: "FORBIDDEN" } }] }) });
    expect((await failure(client.request(ClearConsumerWebsiteCachesDocument))).code).toBe("FORBIDDEN");
  });

  it("maps 401 without a body to UNAUTHENTICATED and other failures to NETWORK", async () => {
    expect((await failure(createHttpClient({ fetch: fakeFetch(401, "<html>") }).request(ClearConsumerWebsiteCachesDocument))).code).toBe("UNAUTHENTICATED");
    expect((await failure(createHttpClient({ fetch: fakeFetch(502, "Bad gateway") }).request(ClearConsumerWebsiteCachesDocument))).code).toBe("NETWORK");
    const throwing = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    expect((await failure(createHttpClient({ fetch: throwing }).request(ClearConsumerWebsiteCachesDocument))).code).toBe("NETWORK");
  });

  it("an error without a code is INTERNAL_SERVER_ERROR", async () => {
    const client = createHttpClient({ fetch: fakeFetch(200, { errors: [{ message: "odd" }] }) });
    expect((await failure(client.request(ClearConsumerWebsiteCachesDocument))).code).toBe("INTERNAL_SERVER_ERROR");
  });
});

/** Compile-time checks (tsc runs over the tests): the generated documents type the variables and the result. Never called. */
export function typeChecks(client: ReturnType<typeof createHttpClient>): void {
  // @ts-expect-error — RemoveRelayRegistration needs its variables.
  void client.request(RemoveRelayRegistrationDocument);
  // @ts-expect-error — and exactly its variables.
  void client.request(RemoveRelayRegistrationDocument, { registrationId: "r1" });
  // @ts-expect-error — a document without variables takes none.
  void client.request(ClearConsumerWebsiteCachesDocument, { id: "r1" });
  void client.request(RelayRegistrationsDocument).then((data) => {
    const state: "ONLINE" | "DEGRADED" | "DISABLED" | "CONNECTING" | "RECONNECTING" | "UNAUTHORIZED" | "NOT_FOUND" | "FAILED" | "STOPPING" = data.relayRegistrations[0].status.state;
    // @ts-expect-error — the result has only the selected fields.
    void data.relayRegistrations[0].createdBy;
    void state;
  });
}
