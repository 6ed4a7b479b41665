/**
 * GraphQL cost limits, checked before anything executes, alike on HTTP (Apollo) and graphql-ws:
 * the parser's token limit (graphql-js `maxTokens`, which also keeps the recursive parser far from a
 * stack overflow), then a validation rule refusing an operation too deep, with too many aliases or
 * fields, or too costly. A refusal is a 400 with `extensions.code = "QUERY_TOO_COMPLEX"` and
 * `extensions.limit`, `max`, `found` naming what was exceeded. See docs/security/graphql-limits.md.
 */
import { GraphQLError, Kind, type FragmentDefinitionNode, type GraphQLFormattedError, type ValidationRule } from "graphql";
import { measureOperation, type OperationMeasure } from "./graphql-cost";

export interface GraphQLLimits {
  /** Deepest field nesting. */
  maxDepth: number;
  /** Aliased field selections per operation. */
  maxAliases: number;
  /** Field selections per operation (fragments counted where spread). */
  maxFields: number;
  /** Estimated cost per operation (see graphql-cost.ts). */
  maxCost: number;
  /** How many items a list field is assumed to return when estimating the cost. */
  listCostFactor: number;
  /** Lexical tokens per document; the parser stops at the first token over. */
  maxTokens: number;
}

/** The stable code of every refusal by a limit. */
export const QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX";

export type LimitName = "maxDepth" | "maxAliases" | "maxFields" | "maxCost" | "maxTokens";

/** A refusal by one limit; `found` is what the document has (for maxTokens: at least that many). */
export class QueryTooComplexError extends GraphQLError {
  constructor(readonly limit: LimitName, readonly max: number, readonly found: number, what: string) {
    super(`The query is too complex: ${what} (limit ${limit} = ${max}). Ask for less, or ask an admin to raise the limit.`, {
      extensions: { code: QUERY_TOO_COMPLEX, limit, max, found },
    });
    this.name = "QueryTooComplexError";
  }
}

const MEASURED: Array<{ limit: Exclude<LimitName, "maxTokens">; key: keyof OperationMeasure; what: string }> = [
  { limit: "maxDepth", key: "depth", what: "fields nested %d deep" },
  { limit: "maxAliases", key: "aliases", what: "%d aliases" },
  { limit: "maxFields", key: "fields", what: "%d field selections" },
  { limit: "maxCost", key: "cost", what: "an estimated cost of %d" },
];

/** The first limit an operation exceeds, if any. */
export function exceededLimit(measure: OperationMeasure, limits: GraphQLLimits): QueryTooComplexError | undefined {
  for (const { limit, key, what } of MEASURED) {
    if (measure[key] > limits[limit]) return new QueryTooComplexError(limit, limits[limit], measure[key], what.replace("%d", String(measure[key])));
  }
  return undefined;
}

/** A validation rule measuring every operation of the document; one error per operation over a limit. */
export function costLimitsRule(limits: GraphQLLimits): ValidationRule {
  return (context) => ({
    Document(document) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      }
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const refused = exceededLimit(measureOperation(context.getSchema(), definition, fragments, limits.listCostFactor), limits);
        if (refused) context.reportError(refused);
      }
      return false; // the other rules walk the document; this one has seen all it needs
    },
  });
}

/** graphql-js's wording when `maxTokens` stops the parser (graphql 16 says "more that N tokens", a typo a later version may fix). */
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

/**
 * The limit behind a parse or validation failure, found along the `originalError` chain: our own
 * refusal, the parser's token limit, or a stack overflow (a nesting the token limit did not stop
 * because an admin raised it) reported as the depth limit.
 */
export function limitRefusal(error: unknown, limits: GraphQLLimits): QueryTooComplexError | undefined {
  for (let cause = error, hops = 0; cause && hops < 5; cause = (cause as { originalError?: unknown }).originalError, hops++) {
    if (cause instanceof QueryTooComplexError) return cause;
    if (cause instanceof RangeError) return new QueryTooComplexError("maxDepth", limits.maxDepth, limits.maxDepth + 1, "nesting too deep to read");
    const tokens = cause instanceof GraphQLError ? TOKEN_LIMIT.exec(cause.message) : null;
    if (tokens) return new QueryTooComplexError("maxTokens", limits.maxTokens, Number(tokens[1]) + 1, `more than ${tokens[1]} tokens`);
  }
  return undefined;
}

/** Rewrites a formatted error caused by a limit to the limit's code, message and extensions. */
export function withLimitCode(formatted: GraphQLFormattedError, error: unknown, limits: GraphQLLimits): GraphQLFormattedError | undefined {
  const refused = limitRefusal(error, limits);
  if (!refused) return undefined;
  const { code, limit, max, found } = refused.extensions as Record<string, unknown>;
  return { message: refused.message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { code, limit, max, found } };
}
