/** The shapes of the Azure view (schema/azure-relay.graphql: Relay, RelayManagementAccess, SecureRegistrationReport), as JSON. */
import type { RelayRegistration } from "../types";

export type RelaySource = "AZURE" | "REGISTRATIONS";

export type CredentialKind = "ENVIRONMENT" | "CLIENT_SECRET" | "MANAGED_IDENTITY" | "STATIC_TOKEN";

export const CREDENTIAL_KINDS: readonly CredentialKind[] = ["ENVIRONMENT", "CLIENT_SECRET", "MANAGED_IDENTITY", "STATIC_TOKEN"];

/** A hybrid connection as Azure (or, without management access, our registrations) reports it. */
export interface Relay {
  id: string;
  name: string;
  namespace: string;
  source: RelaySource;
  existsInAzure: boolean | null;
  listenerCount: number | null;
  ourListenersOnline: number;
  halfOpenSuspected: boolean;
  halfOpenAdvice: string | null;
  foreignListenersSuspected: boolean;
  foreignListenersAdvice: string | null;
  managementError: string | null;
}

/** What the Azure column needs of one registration. */
export interface RegistrationAzure {
  id: string;
  relay: Relay | null;
  keyRights: string[] | null;
  secureRecommended: boolean;
}

export interface RelayManagementAccess {
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

/** SetRelayManagementAccessInput, exactly as in the SDL. */
export interface SetManagementAccessInput {
  namespace: string;
  subscriptionId: string;
  resourceGroup: string;
  namespaceName: string;
  endpoint?: string;
  caCertificate?: string;
  credential: CredentialInput;
}

/** RelayCredentialInput: only the fields the kind needs are sent. */
export interface CredentialInput {
  kind: CredentialKind;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  token?: string;
}

export interface SecureRegistrationReport {
  registration: RelayRegistration;
  ruleName: string;
  previousKeyName: string;
  previousRights: string;
  keyFingerprint: string;
  steps: string[];
  summary: string;
}
