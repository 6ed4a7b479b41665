/**
 * The graphql-ws server's behaviour: who may connect (ws-guard.ts), and every subscribe document
 * parsed with the token limit and validated with the cost limits and the introspection policy here,
 * before graphql-ws would execute it; errors get the same codes as over HTTP.
 */
import type { IncomingMessage } from "node:http";
import { getOperationAST, getVariableValues, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { ServerOptions, SubscribePayload } from "graphql-ws";
import type { WebSocket } from "ws";
import type { Caller, GraphQLContext } from "../contract";
import type { IntrospectionPolicy } from "./config";
import { toFormattedError } from "./graphql-errors";
import { introspectionRefusal } from "./graphql-introspection";
import { costLimitsRule, withLimitCode, type GraphQLLimits } from "./graphql-limits";
import type { SchemaRegistry } from "./graphql-schema-registry";
import { formatWsErrors, formatWsResult } from "./secret-redaction";
import { judgeToken, type LoginThrottle } from "./login-throttle";
import { admitConnection, type CallerForConnection } from "./ws-guard";

export interface WsOptionsDeps {
  schemas: SchemaRegistry;
  callerForConnection: CallerForConnection;
  limits: GraphQLLimits;
  introspection: IntrospectionPolicy;
  /** Failed bearer tokens in `connectionParams` count toward the same limits as at /login (none: unthrottled). */
  tokenThrottle?: LoginThrottle;
}

/** Close code for a connection refused by the failed-token throttle (4xxx is the application's range; 429 as in HTTP). */
export const TOO_MANY_FAILED_TOKENS = 4429;

/** What graphql-ws's `ws` adapter gives, plus the caller admitted at `connection_init`. */
export type WsExtra = {
  socket: WebSocket;
  request: IncomingMessage;
  caller?: Caller;
};

export function graphqlWsOptions(deps: WsOptionsDeps): ServerOptions<Record<string, unknown>, WsExtra> {
  const rules = [...specifiedRules, costLimitsRule(deps.limits)];
  const format = (error: GraphQLError): GraphQLFormattedError => withoutHttp(withLimitCode(error.toJSON(), error, deps.limits) ?? toFormattedError(error));
  return {
    onConnect: async (ctx) => {
      const bearer = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
      const admission = admitConnection(ctx.connectionParams, ctx.extra.request, deps.callerForConnection);
      const signedIn = !("close" in admission);
      // Only a presented bearer token is throttled; a session cookie or no credentials is judged without it.
      const verdict = bearer === undefined ? undefined : await judgeToken(deps.tokenThrottle, ctx.extra.request.socket.remoteAddress, () => signedIn);
      if (verdict?.kind === "throttled") {
        ctx.extra.socket.close(TOO_MANY_FAILED_TOKENS, verdict.message.replace(/\.$/, ""));
        return false;
      }
      if ("close" in admission) {
        ctx.extra.socket.close(admission.close, admission.reason);
        return false; // graphql-ws would close with 4403; the socket is closing with our code already
      }
      ctx.extra.caller = admission.caller;
      return true;
    },
    onSubscribe: (ctx, _id, payload) => {
      const caller = ctx.extra.caller;
      if (!caller) return [new GraphQLError("Unauthorized", { extensions: { code: "UNAUTHENTICATED" } })];
      let document: DocumentNode;
      try {
        document = parse(payload.query, { maxTokens: deps.limits.maxTokens });
      } catch (error) {
        return [coded(error, "GRAPHQL_PARSE_FAILED")];
      }
      const schema = deps.schemas.current();
      let invalid: readonly GraphQLError[];
      try {
        invalid = validate(schema, document, rules);
      } catch (error) {
        return [coded(error, "GRAPHQL_VALIDATION_FAILED")]; // a stack overflow (raised token limit) reads as maxDepth
      }
      if (invalid.length > 0) return invalid.map((error) => coded(error, "GRAPHQL_VALIDATION_FAILED"));
      const refused = introspectionRefusal(document, caller, deps.introspection);
      if (refused) return [refused];
      const badVariables = variableErrors(schema, document, payload);
      if (badVariables) return badVariables.map((error) => coded(error, "BAD_USER_INPUT"));
      const contextValue: GraphQLContext = { caller };
      return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
    },
    // Every answer leaves without the values of secret input fields (secret-redaction.ts).
    onNext: (_ctx, _id, _payload, args, result) => formatWsResult(args, result, format),
    onError: (_ctx, _id, payload, errors) => formatWsErrors(errors, payload, deps.schemas.current(), format, deps.limits.maxTokens),
  };
}

/** Variables that do not fit the operation, found up front as Apollo does, so they are coded BAD_USER_INPUT as over HTTP. */
function variableErrors(schema: GraphQLSchema, document: DocumentNode, payload: SubscribePayload): readonly GraphQLError[] | undefined {
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) return undefined; // graphql-ws answers "Unable to identify operation" itself
  return getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, { maxErrors: 20 }).errors;
}

/** A parse or validation error with Apollo's code for the same failure over HTTP (the cause kept for withLimitCode). */
function coded(error: unknown, code: string): GraphQLError {
  const graphQLError = error instanceof GraphQLError ? error : new GraphQLError(String((error as Error)?.message ?? error), { originalError: error as Error });
  return new GraphQLError(graphQLError.message, {
    nodes: graphQLError.nodes,
    source: graphQLError.source,
    positions: graphQLError.positions,
    originalError: graphQLError,
    extensions: { ...graphQLError.extensions, code: graphQLError.extensions.code ?? code },
  });
}

/** `extensions.http` steers Apollo's status code; a WebSocket message has none to steer. */
function withoutHttp(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !("http" in formatted.extensions)) return formatted;
  const { http: _http, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
