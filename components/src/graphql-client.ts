/**
 * A small typed GraphQL client for queries and mutations over `fetch` with the session cookie. It takes the
 * generated typed documents (components/src/generated/graphql.ts), so results and variables are checked against
 * the SDL at compile time. Every failure becomes a `GraphQLRequestError` carrying the server's stable
 * `extensions.code` (and `field`, `params`, `problems`), so the UI can translate it and put it at the right input.
 * Never logs anything: variables may hold a connection string.
 */
import type { DocumentTypeDecoration } from "@graphql-typed-document-node/core";
import type { RelayErrorCode } from "./generated/error-codes";

/**
 * One problem the server names (`extensions.problems`): at a connection-string key (`Endpoint`, `SharedAccessKey`, …)
 * or an input (`name`, `targetUrl`, …), with its stable code and params when the server sent them.
 */
export interface WireProblem {
  field: string;
  message: string;
  code?: string;
  params?: Readonly<Record<string, unknown>>;
}

/** The server's codes (generated from the plugin's list), NETWORK (no usable answer), and anything a host may add. */
export type ErrorCode = RelayErrorCode | "NETWORK" | (string & {});

/** Values the server sends beside a code, for a translated message. */
export type ErrorParams = Readonly<Record<string, string | number | boolean>>;

export class GraphQLRequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input at fault (`connectionString`, `name`, `hybridConnectionName`, `targetUrl`, `id`), if any. */
    readonly field?: string,
    /** Each problem at its key or input, by code (a connection string's list, or an input error's one problem). */
    readonly problems?: WireProblem[],
    /** Values for a translated message (`extensions.params`). */
    readonly params?: ErrorParams,
  ) {
    super(message);
    this.name = "GraphQLRequestError";
  }
}

interface WireError {
  message?: string;
  extensions?: { code?: string; field?: string; problems?: WireProblem[]; params?: ErrorParams };
}

interface WireResponse<T> {
  data?: T | null;
  errors?: WireError[];
}

/** A generated document: its text, typed with its result and variables. */
export type TypedDocument<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & { toString(): string };

/** No argument for a document without variables, exactly its variables otherwise. */
export type VariablesOf<TVariables> = TVariables extends Record<string, never> ? [] : [variables: TVariables];

export interface GraphQLClient {
  request<TResult, TVariables>(document: TypedDocument<TResult, TVariables>, ...variables: VariablesOf<TVariables>): Promise<TResult>;
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
    async request<TResult, TVariables>(document: TypedDocument<TResult, TVariables>, ...[variables]: VariablesOf<TVariables>): Promise<TResult> {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: "POST",
          credentials: "same-origin",
          // application/json also satisfies Apollo's CSRF prevention (it is not a "simple" request).
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ query: document.toString(), variables }),
        });
      } catch {
        throw new GraphQLRequestError("NETWORK", "network error");
      }
      return readResponse<TResult>(response);
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
  return new GraphQLRequestError(ext.code ?? "INTERNAL_SERVER_ERROR", error.message ?? "error", ext.field, ext.problems, ext.params);
}
