/**
 * Maps errors to the contract's stable codes (`extensions.code`, plus `extensions.field` for input
 * errors) for both Apollo (HTTP) and graphql-ws. Unknown errors keep Apollo's own code.
 * Secret values are removed by field in secret-redaction.ts; the pattern redactor here is the second net.
 */
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { ErrorCode } from "../contract";
import { redactText, redactValue } from "./redact";

interface CodedError {
  code: ErrorCode;
  field?: string;
  message: string;
}

/** Duck-typed HostError check: a plugin bundle may hold its own copy of the class. */
function asCoded(error: unknown): CodedError | undefined {
  const e = error as Partial<CodedError> & { name?: string };
  return e && typeof e === "object" && e.name === "HostError" && typeof e.code === "string" ? (e as CodedError) : undefined;
}

/**
 * Apollo `formatError`: HostError (thrown anywhere under the resolver) → code + field. Every message and
 * every string in `extensions` also passes the pattern redactor, so even a careless error cannot echo a key back.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const coded = asCoded(original);
  if (!coded) return withSafeExtensions({ ...formatted, message: redactText(formatted.message), ...reclassified(formatted) });
  const extensions: Record<string, unknown> = { ...formatted.extensions, code: coded.code };
  if (coded.field) extensions.field = coded.field;
  delete extensions.stacktrace;
  return withSafeExtensions({ ...formatted, message: redactText(coded.message), extensions });
}

/**
 * graphql-js stops coercing variables after 50 errors with an error that has no variable node, so Apollo cannot
 * tell it from a crash and codes it INTERNAL_SERVER_ERROR. It is the caller's input: BAD_USER_INPUT.
 */
function reclassified(formatted: GraphQLFormattedError): Partial<GraphQLFormattedError> {
  if (!formatted.message.startsWith("Too many errors processing variables")) return {};
  return { extensions: { ...formatted.extensions, code: "BAD_USER_INPUT" } };
}

function withSafeExtensions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return formatted.extensions ? { ...formatted, extensions: redactValue(formatted.extensions) as Record<string, unknown> } : formatted;
}

/** The same mapping for a raw GraphQLError (graphql-ws results). */
export function toFormattedError(error: GraphQLError): GraphQLFormattedError {
  return formatGraphQLError(error.toJSON(), error);
}

/** A GraphQLError carrying a contract code (for the host's own resolvers). */
export function codedError(code: ErrorCode, message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: field ? { code, field } : { code } });
}
