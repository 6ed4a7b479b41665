import { createHttpClient, GraphQLRequestError } from "../../components/src/graphql-client";

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
  it("posts JSON to /graphql on the same origin with the session cookie and returns data", async () => {
    const calls: Array<[string, RequestInit]> = [];
    const client = createHttpClient({ fetch: fakeFetch(200, { data: { relayRegistrations: [] } }, calls) });
    await expect(client.request("query { relayRegistrations { id } }", { a: 1 })).resolves.toEqual({ relayRegistrations: [] });
    const [url, init] = calls[0];
    expect(url).toBe("/graphql");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    expect((init.headers as Record<string, string>)["content-type"]).toBe("application/json");
    expect(JSON.parse(String(init.body))).toEqual({ query: "query { relayRegistrations { id } }", variables: { a: 1 } });
  });

  it("types GraphQL errors by code, field and problems", async () => {
    const problems = [{ field: "Endpoint", message: "Endpoint is missing" }];
    const client = createHttpClient({
      fetch: fakeFetch(200, { data: null, errors: [{ message: "bad", extensions: { code: "BAD_USER_INPUT", field: "Endpoint", problems } }] }),
    });
    const error = await failure(client.request("mutation { x }"));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.field).toBe("Endpoint");
    expect(error.problems).toEqual(problems);
    expect(error.message).toBe("bad");
  });

  it("reads errors from non-200 answers too (Apollo answers 400 for some)", async () => {
    const client = createHttpClient({ fetch: fakeFetch(400, { errors: [{ message: "nope", extensions: { code: "FORBIDDEN" } }] }) });
    expect((await failure(client.request("q"))).code).toBe("FORBIDDEN");
  });

  it("maps 401 without a body to UNAUTHENTICATED and other failures to NETWORK", async () => {
    expect((await failure(createHttpClient({ fetch: fakeFetch(401, "<html>") }).request("q"))).code).toBe("UNAUTHENTICATED");
    expect((await failure(createHttpClient({ fetch: fakeFetch(502, "Bad gateway") }).request("q"))).code).toBe("NETWORK");
    const throwing = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    expect((await failure(createHttpClient({ fetch: throwing }).request("q"))).code).toBe("NETWORK");
  });

  it("an error without a code is INTERNAL_SERVER_ERROR", async () => {
    const client = createHttpClient({ fetch: fakeFetch(200, { errors: [{ message: "odd" }] }) });
    expect((await failure(client.request("q"))).code).toBe("INTERNAL_SERVER_ERROR");
  });
});
