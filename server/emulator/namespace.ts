/**
 * The emulated namespace: hybrid connections and SAS rules (relay-protocol.md §2, §6).
 * Plain data plus change events, so the data plane (listeners), the admin API and the later ARM routes
 * all read and change the same model.
 */
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";

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

/** Rules with Manage carry Listen and Send too (brief §2). */
export function hasRight(rule: SasRule, right: AccessRight): boolean {
  return rule.rights.includes(right) || rule.rights.includes("Manage");
}

/**
 * Events: `hybridConnectionRemoved` (name), `hybridConnectionUpdated` (HybridConnection).
 */
export class EmulatorNamespace extends EventEmitter {
  readonly name: string;
  private readonly hcs = new Map<string, HybridConnection>();
  private readonly rules = new Map<string, SasRule>();
  /** Wired by the emulator to its live listener registry. */
  listenerCountOf: (hybridConnection: string) => number = () => 0;

  constructor(name = "emulator") {
    super();
    this.name = name;
  }

  /** `{name}.servicebus.windows.net`: the FQDN real clients would sign for. */
  get fqdn(): string {
    return `${this.name}.servicebus.windows.net`;
  }

  listHybridConnections(): HybridConnection[] {
    return [...this.hcs.values()];
  }
  getHybridConnection(name: string): HybridConnection | undefined {
    return this.hcs.get(name.toLowerCase());
  }
  addHybridConnection(cfg: HybridConnectionConfig): HybridConnection {
    validateName(cfg.name, true);
    if (this.hcs.has(cfg.name.toLowerCase())) throw new NamespaceError("CONFLICT", `hybrid connection '${cfg.name}' exists`);
    const now = new Date();
    const hc: HybridConnection = {
      name: cfg.name,
      requiresClientAuthorization: cfg.requiresClientAuthorization ?? true,
      userMetadata: cfg.userMetadata ?? "",
      enabled: true,
      createdAt: now,
      updatedAt: now,
    };
    this.hcs.set(cfg.name.toLowerCase(), hc);
    return hc;
  }
  updateHybridConnection(name: string, patch: HybridConnectionPatch): HybridConnection {
    const hc = this.requireHc(name);
    if (patch.requiresClientAuthorization !== undefined) hc.requiresClientAuthorization = Boolean(patch.requiresClientAuthorization);
    if (patch.userMetadata !== undefined) hc.userMetadata = String(patch.userMetadata);
    if (patch.enabled !== undefined) hc.enabled = Boolean(patch.enabled);
    hc.updatedAt = new Date();
    this.emit("hybridConnectionUpdated", hc);
    return hc;
  }
  /** Also removes its entity-scope rules; listeners are closed with 1001 by the emulator. */
  removeHybridConnection(name: string): void {
    const hc = this.requireHc(name);
    this.hcs.delete(hc.name.toLowerCase());
    for (const r of this.rules.values()) if (r.hybridConnection === hc.name) this.rules.delete(r.name);
    this.emit("hybridConnectionRemoved", hc.name);
  }
  listenerCount(name: string): number {
    return this.listenerCountOf(this.requireHc(name).name);
  }

  listRules(hybridConnection?: string | null): SasRule[] {
    const all = [...this.rules.values()];
    return hybridConnection === undefined ? all : all.filter((r) => (r.hybridConnection ?? null) === hybridConnection);
  }
  getRule(name: string): SasRule | undefined {
    return this.rules.get(name);
  }
  /** Rules whose keys can sign for this entity: namespace scope plus the entity's own. */
  rulesFor(hybridConnection: string): SasRule[] {
    return [...this.rules.values()].filter((r) => r.hybridConnection === undefined || r.hybridConnection === hybridConnection);
  }
  addRule(cfg: RuleConfig): SasRule {
    validateName(cfg.name, false);
    // Deviation: rule names are unique namespace-wide (Azure: per scope) so the admin API can address them by name.
    if (this.rules.has(cfg.name)) throw new NamespaceError("CONFLICT", `rule '${cfg.name}' exists`);
    const hcName = cfg.hybridConnection === undefined ? undefined : this.requireHc(cfg.hybridConnection).name;
    if (this.listRules(hcName ?? null).length >= MAX_RULES_PER_SCOPE) throw new NamespaceError("BAD_INPUT", "at most 12 rules per scope");
    const rule: SasRule = {
      name: cfg.name,
      rights: validateRights(cfg.rights),
      primaryKey: cfg.primaryKey ?? generateKey(),
      secondaryKey: cfg.secondaryKey ?? generateKey(),
      hybridConnection: hcName,
    };
    this.rules.set(rule.name, rule);
    return rule;
  }
  updateRuleRights(name: string, rights: AccessRight[]): SasRule {
    const rule = this.requireRule(name);
    rule.rights = validateRights(rights);
    return rule;
  }
  removeRule(name: string): void {
    this.requireRule(name);
    this.rules.delete(name);
  }
  getKeys(name: string): { primaryKey: string; secondaryKey: string } {
    const r = this.requireRule(name);
    return { primaryKey: r.primaryKey, secondaryKey: r.secondaryKey };
  }
  regenerateKey(name: string, keyType: "PrimaryKey" | "SecondaryKey", key?: string): SasRule {
    const rule = this.requireRule(name);
    if (keyType !== "PrimaryKey" && keyType !== "SecondaryKey") throw new NamespaceError("BAD_INPUT", "keyType must be PrimaryKey or SecondaryKey");
    const value = key ?? generateKey();
    if (keyType === "PrimaryKey") rule.primaryKey = value;
    else rule.secondaryKey = value;
    return rule;
  }

  private requireHc(name: string): HybridConnection {
    const hc = this.getHybridConnection(name);
    if (!hc) throw new NamespaceError("NOT_FOUND", `hybrid connection '${name}' not found`);
    return hc;
  }
  private requireRule(name: string): SasRule {
    const r = this.rules.get(name);
    if (!r) throw new NamespaceError("NOT_FOUND", `rule '${name}' not found`);
    return r;
  }
}

function validateName(name: unknown, isEntity: boolean): void {
  // Entity names may contain '/' segments in Azure; '$' is reserved for the relay's own routes.
  const re = isEntity ? /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,259}$/ : /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/;
  if (typeof name !== "string" || !re.test(name) || name.endsWith("/")) {
    throw new NamespaceError("BAD_INPUT", `invalid name '${String(name)}'`);
  }
}

function validateRights(rights: unknown): AccessRight[] {
  if (!Array.isArray(rights) || rights.length === 0 || !rights.every((r) => ACCESS_RIGHTS.includes(r as AccessRight))) {
    throw new NamespaceError("BAD_INPUT", "rights must be a non-empty subset of Listen, Send, Manage");
  }
  const set = new Set(rights as AccessRight[]);
  // Azure stores Manage rules as Manage+Listen+Send.
  if (set.has("Manage")) ACCESS_RIGHTS.forEach((r) => set.add(r));
  return ACCESS_RIGHTS.filter((r) => set.has(r));
}
