/**
 * The emulated namespace: hybrid connections and SAS rules (relay-protocol-notes.md §2, §6).
 * Plain data plus change events, so the data plane (listeners), the admin API and the later ARM routes
 * all read and change the same model.
 */
import { EventEmitter } from "node:events";
import {
  AccessRight,
  generateKey,
  HybridConnection,
  HybridConnectionConfig,
  HybridConnectionPatch,
  MAX_RULES_PER_SCOPE,
  NamespaceError,
  RuleConfig,
  SasRule,
  validateName,
  validateRights,
} from "./namespace-model";

export * from "./namespace-model";

/**
 * Events: `hybridConnectionRemoved` (name), `hybridConnectionUpdated` (HybridConnection), and `changed` (no
 * argument) after every change to entities or rules, so a snapshot can be saved (namespace-snapshot.ts).
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
    this.emit("changed");
    return hc;
  }
  updateHybridConnection(name: string, patch: HybridConnectionPatch): HybridConnection {
    const hc = this.requireHc(name);
    if (patch.requiresClientAuthorization !== undefined) hc.requiresClientAuthorization = Boolean(patch.requiresClientAuthorization);
    if (patch.userMetadata !== undefined) hc.userMetadata = String(patch.userMetadata);
    if (patch.enabled !== undefined) hc.enabled = Boolean(patch.enabled);
    hc.updatedAt = new Date();
    this.emit("hybridConnectionUpdated", hc);
    this.emit("changed");
    return hc;
  }
  /** Also removes its entity-scope rules; listeners are closed with 1001 by the emulator. */
  removeHybridConnection(name: string): void {
    const hc = this.requireHc(name);
    this.hcs.delete(hc.name.toLowerCase());
    for (const r of this.rules.values()) if (r.hybridConnection === hc.name) this.rules.delete(r.name);
    this.emit("hybridConnectionRemoved", hc.name);
    this.emit("changed");
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
    this.emit("changed");
    return rule;
  }
  updateRuleRights(name: string, rights: AccessRight[]): SasRule {
    const rule = this.requireRule(name);
    rule.rights = validateRights(rights);
    this.emit("changed");
    return rule;
  }
  removeRule(name: string): void {
    this.requireRule(name);
    this.rules.delete(name);
    this.emit("changed");
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
    this.emit("changed");
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
