/** A minimal GraphQL-over-HTTP client for the host child (bearer token), timing each call. */
export interface GqlResult<T> {
  data?: T;
  errors?: Array<{ message: string }>;
  ms: number;
}

export async function gql<T>(host: { url: string; adminToken: string }, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> {
  const started = process.hrtime.bigint();
  const response = await fetch(`${host.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${host.adminToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  try {
    return { ...(JSON.parse(text) as { data?: T; errors?: Array<{ message: string }> }), ms };
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 200)}` }], ms };
  }
}

/** Like `gql`, but throws on GraphQL errors (message only). */
export async function gqlOrThrow<T>(host: { url: string; adminToken: string }, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await gql<T>(host, query, variables);
  if (!result.data || result.errors?.length) throw new Error(`GraphQL failed: ${result.errors?.map((e) => e.message).join("; ") ?? "no data"}`);
  return result.data;
}
