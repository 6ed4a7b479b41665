/**
 * A small typed GraphQL client for queries and mutations over `fetch` with the session cookie.
 * Every failure becomes a `GraphQLRequestError` carrying the server's stable `extensions.code` (and `field`,
 * `problems` for input errors), so the UI can put each message at the right input. Never logs anything:
 * variables may hold a connection string.
 */
import type { ConnectionStringProblem } from "./types";

/** Codes the API documents, plus NETWORK (no usable answer) and anything else the server may send. */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RELAY_REFUSED"
  | "INTERNAL_SERVER_ERROR"
  | "NETWORK"
  | (string & {});

export class GraphQLRequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input at fault (`connectionString`, `name`, `hybridConnectionName`, `targetUrl`, `id`), if any. */
    readonly field?: string,
    /** Each connection-string problem at its key (`Endpoint`, `SharedAccessKey`, …). */
    readonly problems?: ConnectionStringProblem[],
  ) {
    super(message);
    this.name = "GraphQLRequestError";
  }
}

interface WireError {
  message?: string;
  extensions?: { code?: string; field?: string; problems?: ConnectionStringProblem[] };
}

interface WireResponse<T> {
  data?: T | null;
  errors?: WireError[];
}

export type Variables = Record<string, unknown>;

export interface GraphQLClient {
  request<T>(query: string, variables?: Variables): Promise<T>;
}

export interface HttpClientOptions {
  /** Default `/graphql` (same origin: the session cookie goes along, and CSP `connect-src 'self'` allows it). */
  url?: string;
  /** Injected for tests; default the global `fetch`. */
  fetch?: typeof fetch;
}

export function createHttpClient(options: HttpClientOptions = {}): GraphQLClient {
  const url = options.url ?? "/graphql";
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    async request<T>(query: string, variables?: Variables): Promise<T> {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: "POST",
          credentials: "same-origin",
          // application/json also satisfies Apollo's CSRF prevention (it is not a "simple" request).
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ query, variables }),
        });
      } catch {
        throw new GraphQLRequestError("NETWORK", "network error");
      }
      return readResponse<T>(response);
    },
  };
}

/** Turns an HTTP response into data or a typed error. Exported for tests. */
export async function readResponse<T>(response: Response): Promise<T> {
  let body: WireResponse<T> | undefined;
  try {
    body = (await response.json()) as WireResponse<T>;
  } catch {
    body = undefined;
  }
  const first = body?.errors?.[0];
  if (first) throw toRequestError(first);
  if (response.status === 401) throw new GraphQLRequestError("UNAUTHENTICATED", "not signed in");
  if (response.status === 403) throw new GraphQLRequestError("FORBIDDEN", "forbidden");
  if (!response.ok || !body?.data) throw new GraphQLRequestError("NETWORK", `HTTP ${response.status}`);
  return body.data;
}

export function toRequestError(error: WireError): GraphQLRequestError {
  const ext = error.extensions ?? {};
  return new GraphQLRequestError(ext.code ?? "INTERNAL_SERVER_ERROR", error.message ?? "error", ext.field, ext.problems);
}
