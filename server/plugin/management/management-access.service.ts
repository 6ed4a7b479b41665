/**
 * Management access per namespace: validate and store it (secrets sealed), remove it, list it (public view only),
 * and hand out a RelayManagementClient for a namespace that has it. Knows nothing of GraphQL.
 */
import type { Caller, SecretSealer } from "../../host/contract";
import { keyFingerprint } from "../registrations/key-fingerprint";
import { createCredential } from "./credential-factory";
import { namespaceKey, toPublicAccess, type CredentialInput, type ManagementAccessRecord, type PublicManagementAccess, type StoredCredential } from "./management-access";
import type { ManagementAccessRepository } from "./management-access.repository";
import { validAccessFields, validCredential, type AccessFields } from "./management-access-input";
import { RelayManagementClient } from "./relay-management-client";
import type { ManagementProxySettings } from "./management-proxy";

export interface SetManagementAccess extends AccessFields {
  credential: CredentialInput;
}

export class ManagementAccessService {
  /** One client per namespace, rebuilt when its record changes (the SDK caches tokens and connections per client). */
  private readonly clients = new Map<string, { updatedAt: string; client: RelayManagementClient }>();

  constructor(
    private readonly repository: ManagementAccessRepository,
    private readonly secrets: SecretSealer,
    private readonly clock: () => Date = () => new Date(),
    /** Announces a stored change to the farm (ConfigSync); absent: a single host. */
    private readonly changes?: { announce(topic: string): Promise<void>; assertAvailable(): void },
    /** The plugin's outbound proxy settings (`proxyUrl` / `proxyBypass`); absent: HTTPS_PROXY / NO_PROXY decide. */
    private readonly proxy?: ManagementProxySettings,
  ) {}

  async list(): Promise<PublicManagementAccess[]> {
    return (await this.repository.list()).map(toPublicAccess);
  }

  async set(input: SetManagementAccess, caller: Caller): Promise<PublicManagementAccess> {
    this.changes?.assertAvailable();
    const fields = validAccessFields(input);
    const record: ManagementAccessRecord = {
      ...fields,
      credential: this.storeCredential(validCredential(input.credential)),
      updatedAt: this.clock().toISOString(),
      updatedBy: caller.id,
    };
    await this.repository.save(record);
    this.clients.delete(namespaceKey(record.namespace));
    await this.changes?.announce("management-access");
    return toPublicAccess(record);
  }

  async remove(namespace: string): Promise<boolean> {
    this.changes?.assertAvailable();
    this.clients.delete(namespaceKey(namespace));
    const removed = await this.repository.delete(namespace);
    if (removed) await this.changes?.announce("management-access");
    return removed;
  }

  /** The namespaces (lower case) that have management access. */
  async namespaces(): Promise<string[]> {
    return (await this.repository.list()).map((r) => namespaceKey(r.namespace));
  }

  /** A client for the namespace, or undefined when it has no management access. */
  async clientFor(namespace: string): Promise<RelayManagementClient | undefined> {
    const record = await this.repository.get(namespace);
    if (!record) return undefined;
    const key = namespaceKey(namespace);
    const cached = this.clients.get(key);
    if (cached && cached.updatedAt === record.updatedAt) return cached.client;
    const client = new RelayManagementClient(createCredential(record.credential, this.secrets), {
      subscriptionId: record.subscriptionId,
      resourceGroup: record.resourceGroup,
      namespaceName: record.namespaceName,
      endpoint: record.endpoint,
      caCertificate: record.caCertificate,
      proxy: this.proxy,
    });
    this.clients.set(key, { updatedAt: record.updatedAt, client });
    return client;
  }

  private storeCredential(input: CredentialInput): StoredCredential {
    const seal = (secret: string) => ({ sealedSecret: this.secrets.seal(secret), secretFingerprint: keyFingerprint(secret) });
    switch (input.kind) {
      case "environment":
        return { kind: "environment" };
      case "managed-identity":
        return { kind: "managed-identity", ...(input.clientId ? { clientId: input.clientId } : {}) };
      case "client-secret":
        return { kind: "client-secret", tenantId: input.tenantId, clientId: input.clientId, ...seal(input.clientSecret) };
      case "static-token":
        return { kind: "static-token", ...seal(input.token) };
    }
  }
}
