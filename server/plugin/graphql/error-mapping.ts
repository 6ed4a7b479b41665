/**
 * Turns typed service errors into GraphQL errors with a stable `extensions.code` (and `field` for input errors).
 * Anything untyped becomes INTERNAL_SERVER_ERROR with a generic message: its text might hold something private.
 */
import { GraphQLError } from "graphql";
import type { MiddlewareInterface, NextFn, ResolverData } from "type-graphql";
import { HostError, type Logger } from "../../host/contract";
import { RelayApi } from "./relay-api";

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

/**
 * Applied per resolver class (`@UseMiddleware(ErrorMapping)`), not globally: a global middleware would wrap every
 * plain field of every object in a promise (measured: most of the time of a 1 000-registration list).
 */
export class ErrorMapping implements MiddlewareInterface {
  constructor(private readonly api: RelayApi) {}

  async use(_data: ResolverData, next: NextFn): Promise<unknown> {
    try {
      return await next();
    } catch (error) {
      throw toGraphQLError(error, this.api.logger);
    }
  }
}
