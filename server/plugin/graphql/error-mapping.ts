/**
 * Turns typed service errors into GraphQL errors with a stable `extensions.code` (and `field` for input errors).
 * Anything untyped becomes INTERNAL_SERVER_ERROR with a generic message: its text might hold something private.
 */
import { GraphQLError } from "graphql";
import type { MiddlewareFn } from "type-graphql";
import { HostError, type Logger } from "../../host/contract";

interface WithProblems {
  problems?: Array<{ field: string; message: string }>;
}

export function toGraphQLError(error: unknown, logger: Logger): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof HostError) {
    const problems = (error.cause as WithProblems | undefined)?.problems;
    return new GraphQLError(error.message, {
      extensions: { code: error.code, ...(error.field ? { field: error.field } : {}), ...(problems ? { problems } : {}) },
    });
  }
  logger.error("unexpected error in the Azure Relay API", { error: error instanceof Error ? error.message : String(error) });
  return new GraphQLError("Internal error in the Azure Relay plugin — see the host log.", { extensions: { code: "INTERNAL_SERVER_ERROR" } });
}

export function errorMappingMiddleware(logger: Logger): MiddlewareFn {
  return async (_data, next) => {
    try {
      return await next();
    } catch (error) {
      throw toGraphQLError(error, logger);
    }
  };
}
