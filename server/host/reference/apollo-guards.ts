/**
 * Apollo Server plugins guarding the HTTP side before execution: the introspection policy per caller, and
 * a plain 400 for the persisted-query extension the host does not support.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLContext } from "../contract";
import type { IntrospectionPolicy } from "./config";
import { introspectionRefusal } from "./graphql-introspection";

/** Refuses `__schema` / `__type` to callers the policy excludes, after validation and before execution. */
export function introspectionGuard(policy: IntrospectionPolicy): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ document, contextValue }) => {
        const refused = introspectionRefusal(document, contextValue.caller, policy);
        if (refused) throw refused;
      },
    }),
  };
}

/**
 * With APQ off Apollo answers a `persistedQuery` extension with PERSISTED_QUERY_NOT_SUPPORTED and HTTP 200
 * (so APQ clients fall back to the full query); a 400 says plainly that the request was refused.
 */
export function persistedQueryRefusal(): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: async () => ({
      willSendResponse: async ({ response }) => {
        const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
        if (errors?.some((error) => error.extensions?.code === "PERSISTED_QUERY_NOT_SUPPORTED")) response.http.status = 400;
      },
    }),
  };
}
