/**
 * type-graphql auth checker over the host's Auth: anonymous callers get UNAUTHENTICATED, callers without the
 * permission get FORBIDDEN (stable codes, rather than type-graphql's own errors).
 */
import { GraphQLError } from "graphql";
import type { AuthChecker } from "type-graphql";
import type { Auth, Caller, GraphQLContext } from "../../host/contract";

export function requirePermission(auth: Auth, caller: Caller | undefined, permission: string): void {
  if (!caller || caller.kind === "anonymous") {
    throw new GraphQLError("Sign in or send an access token (Authorization: Bearer …) to use the Azure Relay API.", {
      extensions: { code: "UNAUTHENTICATED" },
    });
  }
  if (!auth.can(caller, permission)) {
    throw new GraphQLError(`This needs the permission ${permission}, which your role does not have — ask an administrator.`, {
      extensions: { code: "FORBIDDEN", permission },
    });
  }
}

export function createAuthChecker(auth: Auth): AuthChecker<GraphQLContext> {
  return ({ context }, permissions) => {
    for (const permission of permissions) requirePermission(auth, context.caller, permission);
    return true;
  };
}
