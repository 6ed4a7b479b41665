/** Builds the @azure/identity credential a stored management access names; opens sealed secrets only here. */
import { ClientSecretCredential, EnvironmentCredential, ManagedIdentityCredential, type TokenCredential } from "@azure/identity";
import type { SecretSealer } from "../../host/contract";
import type { StoredCredential } from "./management-access";
import { StaticTokenCredential } from "./static-token-credential";

export function createCredential(stored: StoredCredential, secrets: SecretSealer): TokenCredential {
  switch (stored.kind) {
    case "environment":
      return new EnvironmentCredential();
    case "client-secret":
      return new ClientSecretCredential(required(stored.tenantId, "tenantId"), required(stored.clientId, "clientId"), secrets.open(required(stored.sealedSecret, "secret")));
    case "managed-identity":
      return stored.clientId ? new ManagedIdentityCredential({ clientId: stored.clientId }) : new ManagedIdentityCredential();
    case "static-token":
      return new StaticTokenCredential(secrets.open(required(stored.sealedSecret, "token")));
  }
}

function required(value: string | undefined, what: string): string {
  // Only a damaged store record lacks these: the service validates them on input.
  if (!value) throw new Error(`the stored management credential has no ${what}`);
  return value;
}
