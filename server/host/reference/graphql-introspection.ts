/**
 * Who may introspect the schema (`__schema`, `__type`; `__typename` is always allowed): a host setting,
 * by default signed-in callers only. Checked per caller before execution, on HTTP and graphql-ws.
 */
import { BREAK, GraphQLError, Kind, visit, type DocumentNode } from "graphql";
import type { Caller } from "../contract";
import type { IntrospectionPolicy } from "./config";

/** Why this caller may not run this document's introspection, or undefined when it may (or asks none). */
export function introspectionRefusal(document: DocumentNode, caller: Caller, policy: IntrospectionPolicy): GraphQLError | undefined {
  if (policy === "everyone" || (policy === "signed-in" && caller.kind !== "anonymous")) return undefined;
  if (!asksIntrospection(document)) return undefined;
  return policy === "nobody"
    ? new GraphQLError("Introspection is turned off on this host (ECS_GRAPHQL_INTROSPECTION=nobody).", {
        extensions: { code: "FORBIDDEN", http: { status: 403 } },
      })
    : new GraphQLError("Introspection (__schema, __type) is for signed-in callers: send a bearer token or sign in first.", {
        extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
      });
}

/** True when any field of the document (operations and fragments alike) is `__schema` or `__type`. */
export function asksIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === "__schema" || node.name.value === "__type") {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}
