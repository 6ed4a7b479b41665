/** In-memory browser sessions keyed by a random id (lost on restart: users sign in again). */
import { randomBytes } from "node:crypto";
import type { Role } from "./roles";

export interface Session {
  id: string;
  role: Role;
  expiresAt: number;
}

export interface SessionStore {
  create(role: Role): Session;
  /** The live session for `id`, or undefined (unknown or expired). */
  get(id: string | undefined): Session | undefined;
  destroy(id: string | undefined): void;
}

/** Sessions living `ttlMs` (default 8 hours, a working day) from sign-in. */
export function createSessionStore(ttlMs = 8 * 60 * 60 * 1000, now: () => number = Date.now): SessionStore {
  const sessions = new Map<string, Session>();
  return {
    create(role) {
      const session = { id: randomBytes(32).toString("base64url"), role, expiresAt: now() + ttlMs };
      sessions.set(session.id, session);
      return session;
    },
    get(id) {
      if (!id) return undefined;
      const session = sessions.get(id);
      if (session && session.expiresAt <= now()) {
        sessions.delete(id);
        return undefined;
      }
      return session;
    },
    destroy(id) {
      if (id) sessions.delete(id);
    },
  };
}
