/**
 * Least privilege in one step (issue 7 item 4): when a registration listens with a Manage key (typically
 * RootManageSharedAccessKey) and its namespace has management access, create a Listen-only rule on its hybrid
 * connection, read the rule's key, and rotate the registration to it through the registrations service's
 * zero-downtime rotation. The old rule is left alone: other programs may use it; the report says so.
 */
import { keyFingerprint } from "../registrations/key-fingerprint";
import type { PublicRegistration } from "../registrations/registration";
import type { ManagementAccessService } from "./management-access.service";
import { stateProblem } from "../errors/state-problem-texts";

export interface SecureRegistrationDeps {
  registrations: {
    get(id: string): Promise<PublicRegistration | undefined>;
    update(id: string, input: { connectionString: string }): Promise<PublicRegistration>;
  };
  access: ManagementAccessService;
  hostId: string;
}

export interface SecureRegistrationResult {
  registration: PublicRegistration;
  ruleName: string;
  previousKeyName: string;
  previousRights: string[];
  keyFingerprint: string;
  steps: string[];
  summary: string;
}

/** `ecs-core-<host id>-listen`: one rule per host and hybrid connection, so each server of a farm can be revoked alone. */
export function listenRuleName(hostId: string): string {
  const safe = hostId.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 200) || "host";
  return `ecs-core-${safe}-listen`;
}

export class SecureRegistrationService {
  constructor(private readonly deps: SecureRegistrationDeps) {}

  /** The rights of the registration's rule as Azure reports them; null without management access or when Azure cannot say. */
  async keyRights(r: Pick<PublicRegistration, "namespace" | "hybridConnectionName" | "keyName">): Promise<string[] | null> {
    const client = await this.deps.access.clientFor(r.namespace);
    if (!client) return null;
    try {
      return (await client.ruleRights(r.hybridConnectionName, r.keyName)) ?? null;
    } catch {
      // Shown as unknown; `relays` carries the reason in managementError.
      return null;
    }
  }

  async secure(id: string): Promise<SecureRegistrationResult> {
    const registration = await this.deps.registrations.get(id);
    if (!registration) throw stateProblem("NOT_FOUND", "REGISTRATION_NOT_FOUND", { id }, "id");
    const { namespace, hybridConnectionName: hc, keyName } = registration;
    const client = await this.deps.access.clientFor(namespace);
    if (!client) {
      throw stateProblem("CONFLICT", "SECURE_NO_MANAGEMENT_ACCESS", { namespace }, "id");
    }
    const rights = await client.ruleRights(hc, keyName);
    if (!rights) throw stateProblem("CONFLICT", "SECURE_RULE_MISSING", { keyName, hybridConnectionName: hc }, "id");
    if (!rights.includes("Manage")) {
      throw stateProblem("CONFLICT", "SECURE_ALREADY_LIMITED", { keyName, rights: rights.join(" + ") }, "id");
    }
    const ruleName = listenRuleName(this.deps.hostId);
    const keys = await client.ensureListenRule(hc, ruleName);
    const updated = await this.deps.registrations.update(id, { connectionString: connectionString(registration, keys.keyName, keys.primaryKey) });
    const steps = [
      `Checked rule ${keyName}: ${rights.join(" + ")}.`,
      `Created or reset rule ${ruleName} on hybrid connection ${hc} with Listen only.`,
      `Read the primary key of ${ruleName} (fingerprint ${keyFingerprint(keys.primaryKey)}).`,
      registration.enabled ? `Rotated the listener to ${ruleName} with no downtime.` : `Stored ${ruleName} as the registration's key (the registration is disabled).`,
    ];
    return {
      registration: updated,
      ruleName,
      previousKeyName: keyName,
      previousRights: rights,
      keyFingerprint: updated.keyFingerprint,
      steps,
      summary: `${registration.name} now listens with the Listen-only rule ${ruleName}. ${keyName} is unchanged: regenerate its keys if it may have leaked and nothing else uses it.`,
    };
  }
}

/** The rule's connection string for the registration's own endpoint (the emulator keeps its development flag). */
function connectionString(r: PublicRegistration, keyName: string, key: string): string {
  return `Endpoint=sb://${r.namespace}/;SharedAccessKeyName=${keyName};SharedAccessKey=${key};EntityPath=${r.hybridConnectionName}` + (r.secure ? "" : ";UseDevelopmentEmulator=true");
}
