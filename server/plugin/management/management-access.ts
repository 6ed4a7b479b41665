/**
 * Management access: how the plugin reaches Azure Resource Manager for one relay namespace (issue 7 item 1).
 * The stored record keeps every secret sealed by the host; `toPublicAccess` is the only view that leaves the
 * service layer, and it carries the credential's kind, its non-secret ids and a fingerprint, never the secret.
 */

/** Where a token for ARM comes from. */
export type CredentialKind =
  /** @azure/identity EnvironmentCredential: AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET (or certificate) of the host process. */
  | "environment"
  /** A service principal's client secret (sealed in the store). */
  | "client-secret"
  /** The Azure managed identity of the machine the host runs on (system-assigned, or user-assigned with a client id). */
  | "managed-identity"
  /** A fixed bearer token (sealed). For tests and the local emulator only: real AAD tokens expire within about an hour. */
  | "static-token";

/** What an admin gives, secrets in clear; only ever passed from the input straight to sealing. */
export type CredentialInput =
  | { kind: "environment" }
  | { kind: "client-secret"; tenantId: string; clientId: string; clientSecret: string }
  | { kind: "managed-identity"; clientId?: string | null }
  | { kind: "static-token"; token: string };

/** The stored credential: ids in clear, the secret (client secret or token) sealed. */
export interface StoredCredential {
  kind: CredentialKind;
  tenantId?: string;
  clientId?: string;
  sealedSecret?: string;
  /** `sha256:…` of the secret, so admins can tell which one is configured. */
  secretFingerprint?: string;
}

/** Management access for one namespace, as stored (`management:<namespace>`). */
export interface ManagementAccessRecord {
  /** The namespace host as registrations name it: `contoso.servicebus.windows.net`, or `127.0.0.1:PORT` for the emulator. */
  namespace: string;
  subscriptionId: string;
  resourceGroup: string;
  /** The namespace's ARM resource name (`contoso`). */
  namespaceName: string;
  /** ARM base URL. Default `https://management.azure.com`. */
  endpoint: string;
  /** Extra CA (PEM) trusted for this endpoint only, e.g. the emulator's self-signed certificate. Public, not a secret. */
  caCertificate?: string;
  credential: StoredCredential;
  updatedAt: string;
  updatedBy: string;
}

/** What callers see. */
export interface PublicManagementAccess {
  namespace: string;
  subscriptionId: string;
  resourceGroup: string;
  namespaceName: string;
  endpoint: string;
  trustsCustomCa: boolean;
  credentialKind: CredentialKind;
  tenantId: string | null;
  clientId: string | null;
  secretFingerprint: string | null;
  updatedAt: string;
  updatedBy: string;
}

export const DEFAULT_ARM_ENDPOINT = "https://management.azure.com";

export function toPublicAccess(record: ManagementAccessRecord): PublicManagementAccess {
  const { credential: c } = record;
  return {
    namespace: record.namespace,
    subscriptionId: record.subscriptionId,
    resourceGroup: record.resourceGroup,
    namespaceName: record.namespaceName,
    endpoint: record.endpoint,
    trustsCustomCa: !!record.caCertificate,
    credentialKind: c.kind,
    tenantId: c.tenantId ?? null,
    clientId: c.clientId ?? null,
    secretFingerprint: c.secretFingerprint ?? null,
    updatedAt: record.updatedAt,
    updatedBy: record.updatedBy,
  };
}

/** Namespaces compare without case (host names). */
export function namespaceKey(namespace: string): string {
  return namespace.trim().toLowerCase();
}
