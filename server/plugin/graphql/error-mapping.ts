/**
 * Turns typed errors into GraphQL errors with a stable `extensions.code`, plus `field` (the input at fault),
 * `params` (values for a translated message) and, for connection strings, `problems` (each at its key).
 * The plugin's own errors are recognised by their brand (any copy of the class); the host's HostError passes
 * through with its code. Anything else becomes INTERNAL_SERVER_ERROR with a generic message: its text might hold
 * something private.
 */
import { GraphQLError } from "graphql";
import type { MiddlewareInterface, NextFn, ResolverData } from "type-graphql";
import { HostError, type Logger } from "../../host/contract";
import { isRelayPluginError } from "../errors";
import type { RelayApi } from "./relay-api";

interface Problem {
  field: string;
  code?: string;
  message: string;
  params?: Readonly<Record<string, unknown>>;
}

/** The problems a client translates: a connection string's list, or the one problem of an input error with a problem code. */
function problemsOf(error: { field?: string; message: string; params?: Problem["params"]; problemCode?: string }): Problem[] | undefined {
  const problems = (error as { problems?: unknown }).problems;
  if (Array.isArray(problems)) return problems as Problem[];
  if (!error.problemCode) return undefined;
  return [{ field: error.field ?? "input", code: error.problemCode, message: error.message, params: error.params ?? {} }];
}

export function toGraphQLError(error: unknown, logger: Logger): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (isRelayPluginError(error)) {
    const problems = problemsOf(error);
    return new GraphQLError(error.message, {
      extensions: {
        code: error.code,
        ...(error.field ? { field: error.field } : {}),
        ...(error.params ? { params: error.params } : {}),
        ...(problems ? { problems } : {}),
      },
    });
  }
  if (error instanceof HostError) {
    return new GraphQLError(error.message, { extensions: { code: error.code, ...(error.field ? { field: error.field } : {}) } });
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
