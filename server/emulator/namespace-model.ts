/** Namespace data types, defaults and validation (relay-protocol-notes.md §2, §6). */
import { randomBytes } from "node:crypto";

export type AccessRight = "Listen" | "Send" | "Manage";
export const ACCESS_RIGHTS: readonly AccessRight[] = ["Listen", "Send", "Manage"];
/** Azure allows 12 rules per scope. */
export const MAX_RULES_PER_SCOPE = 12;

export interface RuleConfig {
  name: string;
  rights: AccessRight[];
  /** Omit for a namespace-scope rule. */
  hybridConnection?: string;
  /** Random 256-bit base64 when omitted. */
  primaryKey?: string;
  secondaryKey?: string;
}
export interface HybridConnectionConfig {
  name: string;
  /** Default true: senders need a Send token. */
  requiresClientAuthorization?: boolean;
  userMetadata?: string;
}
export interface NamespaceConfig {
  /** Namespace name; tokens for `{name}.servicebus.windows.net` are accepted too. Default "emulator". */
  name?: string;
  hybridConnections?: HybridConnectionConfig[];
  /** Added beside `RootManageSharedAccessKey` (which is always present unless configured explicitly). */
  rules?: RuleConfig[];
}

export interface SasRule {
  readonly name: string;
  rights: AccessRight[];
  primaryKey: string;
  secondaryKey: string;
  /** undefined = namespace scope */
  readonly hybridConnection?: string;
}
export interface HybridConnection {
  readonly name: string;
  requiresClientAuthorization: boolean;
  userMetadata: string;
  /** false = listeners closed with 1001 and refused like an unknown entity. */
  enabled: boolean;
  readonly createdAt: Date;
  updatedAt: Date;
}
export type HybridConnectionPatch = Partial<Pick<HybridConnection, "requiresClientAuthorization" | "userMetadata" | "enabled">>;

export class NamespaceError extends Error {
  constructor(readonly code: "NOT_FOUND" | "CONFLICT" | "BAD_INPUT", message: string) {
    super(message);
  }
}

/** A random 256-bit key in base64 (44 chars), like the portal's. */
export function generateKey(): string {
  return randomBytes(32).toString("base64");
}

/** Rules with Manage carry Listen and Send too (relay-protocol-notes.md §2). */
export function hasRight(rule: SasRule, right: AccessRight): boolean {
  return rule.rights.includes(right) || rule.rights.includes("Manage");
}

export function validateName(name: unknown, isEntity: boolean): void {
  // Entity names may contain '/' segments in Azure; '$' is reserved for the relay's own routes.
  const re = isEntity ? /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,259}$/ : /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/;
  if (typeof name !== "string" || !re.test(name) || name.endsWith("/")) {
    throw new NamespaceError("BAD_INPUT", `invalid name '${String(name)}'`);
  }
}

export function validateRights(rights: unknown): AccessRight[] {
  if (!Array.isArray(rights) || rights.length === 0 || !rights.every((r) => ACCESS_RIGHTS.includes(r as AccessRight))) {
    throw new NamespaceError("BAD_INPUT", "rights must be a non-empty subset of Listen, Send, Manage");
  }
  const set = new Set(rights as AccessRight[]);
  // Azure stores Manage rules as Manage+Listen+Send.
  if (set.has("Manage")) ACCESS_RIGHTS.forEach((r) => set.add(r));
  return ACCESS_RIGHTS.filter((r) => set.has(r));
}
