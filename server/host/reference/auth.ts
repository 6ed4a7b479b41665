/**
 * Reference-host authentication and authorization. Two roles: `admin` and `reader`, each with one
 * access token (bearer for scripts, or exchanged for a session cookie at /login). Permissions are
 * granted to roles by the manifests' `contributes.permissions[].defaultRoles`. Wrong tokens are throttled by
 * the routes that take them (token-routes.ts, login-throttle.ts), not here.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Auth, Caller } from "../contract";
import type { PluginManifest } from "./manifest-types";
import type { Role } from "./roles";
import type { SessionStore } from "./sessions";

/** The caller every unauthenticated request gets (plugins answer UNAUTHENTICATED themselves). */
export const ANONYMOUS: Caller = Object.freeze({ id: "anonymous", kind: "anonymous", roles: Object.freeze([]) as readonly string[] });

/** Name of the session cookie set by POST /login. */
export const SESSION_COOKIE = "ecs_session";

export interface ReferenceAuth extends Auth {
  /** The role a presented access token grants, if any (constant-time comparison). */
  roleForToken(token: string | undefined): Role | undefined;
  /** Caller from an `Authorization` header value and/or a session id. Bearer wins over the cookie. */
  callerFrom(authorization: string | undefined, sessionId: string | undefined): Caller;
}

/** Auth over the given tokens, sessions and manifests' permission grants. */
export function createAuth(tokens: { adminToken: string; readerToken: string }, sessions: SessionStore, manifests: PluginManifest[]): ReferenceAuth {
  const grants = new Map<string, Set<string>>();
  for (const manifest of manifests) {
    for (const permission of manifest.contributes?.permissions ?? []) {
      grants.set(permission.id, new Set(permission.defaultRoles));
    }
  }
  const digests: Array<[Role, Buffer]> = [
    ["admin", digest(tokens.adminToken)],
    ["reader", digest(tokens.readerToken)],
  ];
  const roleForToken = (token: string | undefined): Role | undefined => {
    if (!token) return undefined;
    const presented = digest(token);
    return digests.find(([, expected]) => timingSafeEqual(presented, expected))?.[0];
  };
  return {
    roleForToken,
    callerFrom(authorization, sessionId) {
      const bearer = bearerToken(authorization);
      const tokenRole = roleForToken(bearer);
      if (tokenRole) return { id: `${tokenRole}-token`, kind: "token", roles: [tokenRole] };
      if (bearer) return ANONYMOUS; // a wrong token never falls back to the cookie
      const session = sessions.get(sessionId);
      if (session) return { id: `session:${session.id.slice(0, 8)}`, kind: "session", roles: [session.role] };
      return ANONYMOUS;
    },
    can(caller, permission) {
      if (caller.kind === "anonymous") return false;
      const roles = grants.get(permission);
      return !!roles && caller.roles.some((role) => roles.has(role));
    },
  };
}

/** The token of an `Authorization: Bearer <token>` value, if that is its form. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
}

/** Constant-time comparison of a presented token with an expected one (false when none is expected). */
export function sameToken(presented: string, expected: string | undefined): boolean {
  return expected ? timingSafeEqual(digest(presented), digest(expected)) : false;
}

// Hashing first gives equal-length buffers, as timingSafeEqual requires.
function digest(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}
