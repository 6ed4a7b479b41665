/**
 * Removes the values of secret input fields (contract: `@secret`) from a GraphQL answer, by field:
 * variable coercion messages are rewritten with secret parts masked, literals given to secret fields are
 * masked in validation messages, string tokens in syntax errors are withheld, and — as a last net for
 * errors nobody foresaw — any whole secret value of this request is masked wherever it appears in the answer.
 * Runs on HTTP (an Apollo plugin) and graphql-ws (`onNext`/`onError`). The pattern redactor runs after it
 * (graphql-errors.ts) as the second net.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { parse, type DocumentNode, type ExecutionArgs, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { FormattedExecutionResult, ExecutionResult } from "graphql";
import { maskValueIn, REDACTED } from "./redact";
import { requestSecrets } from "./request-secrets";
import { toFormattedError } from "./graphql-errors";
import { variableMessageRewrites, withoutValue } from "./variable-errors";

/**
 * A whole secret value shorter than this is not searched for in the rest of the answer (it would match ordinary
 * words); messages that print such a value are still masked by field above. Default 6.
 */
export const MIN_ECHO_SEARCH_LENGTH = 6;

/**
 * Most secret values (and secret literals) searched for by value. A request with more is garbage or an attack:
 * its error messages are then withheld whole (code and location kept), and the last net over `data` uses the
 * longest ones. Keeps the work per request bounded. Default 256.
 */
export const MAX_SEARCHED_SECRETS = 256;

/** What the redaction needs to know of a request. */
export interface RequestView {
  schema: GraphQLSchema;
  /** The parsed document when there is one; otherwise `query` is parsed (a syntax error leaves it undefined). */
  document?: DocumentNode;
  query?: string;
  variables?: unknown;
  /** The token limit `query` was parsed under (graphql-limits.ts): a re-parse must not cost more than the refused one. */
  maxTokens?: number;
}

type Result = FormattedExecutionResult;

/** `result` with every secret value of the request removed from its errors (and, by value, from its data). */
export function redactResult(result: Result, request: RequestView): Result {
  const document = request.document ?? parseQuietly(request.query, request.maxTokens);
  const secrets = document ? requestSecrets(request.schema, document, request.variables) : undefined;
  const allEchoes = secrets ? [...secrets.values].filter((v) => v.length >= MIN_ECHO_SEARCH_LENGTH) : [];
  if (!result.errors?.length && allEchoes.length === 0) return result;
  const tooMany = allEchoes.length + (secrets?.literals.length ?? 0) > MAX_SEARCHED_SECRETS;
  const echoes = longest(allEchoes, MAX_SEARCHED_SECRETS);
  const literals = longest(secrets?.literals ?? [], MAX_SEARCHED_SECRETS);
  const rewrites = document && result.errors?.length && !tooMany ? variableMessageRewrites(request.schema, document, request.variables, secrets?.variables ?? new Set()) : new Map<string, string>();
  const hasSecrets = !!secrets && (secrets.values.size > 0 || secrets.variables.size > 0);
  const errors = result.errors?.map((error) => ({ ...error, message: tooMany ? WITHHELD : safeMessage(error.message, rewrites, hasSecrets, literals, !document) }));
  const out: Result = errors ? { ...result, errors } : { ...result };
  return echoes.length ? (maskEverywhere(out, echoes) as Result) : out;
}

const WITHHELD = `The request gives secret fields more than ${MAX_SEARCHED_SECRETS} values; error details are withheld — send fewer or well-typed inputs to see them.`;

function longest(values: string[], count: number): string[] {
  return [...values].sort((a, b) => b.length - a.length).slice(0, count);
}

function safeMessage(message: string, rewrites: Map<string, string>, hasSecrets: boolean, literals: string[], unparsed: boolean): string {
  const rewritten = rewrites.get(message);
  let out = rewritten ?? message;
  // A variable error the replay did not foresee: its printed value is withheld when the request holds any secret.
  if (rewritten === undefined && hasSecrets && /^Variable "\$[^"]+" got invalid value /.test(message)) out = withoutValue(message);
  for (const literal of literals) out = maskValueIn(out, literal);
  // A document that does not parse cannot be read by field: any string or number token may be a secret.
  if (unparsed && out.startsWith("Syntax Error:")) out = out.replace(/\b(BlockString|String|Int|Float) ".*"/s, `$1 ${REDACTED}`);
  return out;
}

/** A deep copy of `value` with each echo (as given, and as JSON/GraphQL escape it) replaced by the marker. */
function maskEverywhere(value: unknown, echoes: string[], depth = 0): unknown {
  if (typeof value === "string") return maskString(value, echoes);
  if (value === null || typeof value !== "object" || depth > 64) return value;
  if (Array.isArray(value)) return value.map((item) => maskEverywhere(item, echoes, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskEverywhere(item, echoes, depth + 1)]));
}

function maskString(text: string, echoes: string[]): string {
  let out = text;
  for (const echo of echoes) {
    if (!out) break;
    out = maskValueIn(out, echo);
    const escaped = JSON.stringify(echo).slice(1, -1);
    if (escaped !== echo) out = maskValueIn(out, escaped);
  }
  return out;
}

function parseQuietly(query: string | undefined, maxTokens: number | undefined): DocumentNode | undefined {
  if (typeof query !== "string") return undefined;
  try {
    return parse(query, { noLocation: true, maxTokens });
  } catch {
    return undefined;
  }
}

/** How a GraphQL error becomes what the caller sees, before secrets are removed from it. */
export type ErrorFormatter = (error: GraphQLError) => GraphQLFormattedError;

/** Apollo plugin: redacts the single result just before it is sent (after `formatError`). */
export function secretRedactionPlugin<TContext extends object>(maxTokens?: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, schema, document }) {
          if (response.body.kind !== "single") return;
          response.body.singleResult = redactResult(response.body.singleResult, { schema, document, query: request.query, variables: request.variables, maxTokens });
        },
      };
    },
  };
}

/** graphql-ws `onNext`: the result with errors formatted and secrets removed (undefined: send it unchanged). */
export function formatWsResult(args: ExecutionArgs, result: ExecutionResult, format: ErrorFormatter = toFormattedError): FormattedExecutionResult | undefined {
  const formatted: Result = result.errors ? { ...result, errors: result.errors.map(format) } : (result as Result);
  const safe = redactResult(formatted, { schema: args.schema, document: args.document, variables: args.variableValues });
  return safe === result ? undefined : safe;
}

/** graphql-ws `onError` (errors before execution: syntax, validation): formatted and without secrets. */
export function formatWsErrors(errors: readonly GraphQLError[], payload: { query?: unknown; variables?: unknown }, schema: GraphQLSchema, format: ErrorFormatter = toFormattedError, maxTokens?: number): GraphQLFormattedError[] {
  const formatted = errors.map(format);
  const query = typeof payload.query === "string" ? payload.query : undefined;
  return [...(redactResult({ errors: formatted }, { schema, query, variables: payload.variables, maxTokens }).errors ?? [])];
}
