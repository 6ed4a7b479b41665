/**
 * A subscription operation sent over plain HTTP (POST or GET) is refused with 400 BAD_REQUEST naming the way that
 * works, instead of Apollo executing it as a query (which ended in "Cannot return null for non-nullable field …"
 * coded INTERNAL_SERVER_ERROR). Subscriptions run over graphql-ws on the same path.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { GraphQLContext } from "../contract";

export const SUBSCRIPTION_OVER_HTTP_MESSAGE =
  "Subscriptions are not served over plain HTTP: open a WebSocket to /graphql with the graphql-ws protocol (token in connectionParams.authorization) and subscribe there.";

export function subscriptionOverHttpRefusal(): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ operation }) => {
        if (operation?.operation !== "subscription") return;
        throw new GraphQLError(SUBSCRIPTION_OVER_HTTP_MESSAGE, { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
      },
    }),
  };
}
