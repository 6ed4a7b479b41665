/** Validation of management access input. Every problem names its field and says what would be right. */
import { badInput } from "../errors";
import { DEFAULT_ARM_ENDPOINT, type CredentialInput, type ManagementAccessRecord } from "./management-access";

export interface AccessFields {
  namespace: string;
  subscriptionId: string;
  resourceGroup: string;
  namespaceName: string;
  /** Default https://management.azure.com. */
  endpoint?: string | null;
  /** PEM of a CA to trust for this endpoint only. Default: the public CAs. */
  caCertificate?: string | null;
}

function matching(field: string, value: string, pattern: RegExp, hint: string): string {
  const trimmed = value.trim();
  if (!pattern.test(trimmed)) throw badInput(field, hint);
  return trimmed;
}

export function validAccessFields(input: AccessFields): Omit<ManagementAccessRecord, "credential" | "updatedAt" | "updatedBy"> {
  const namespace = matching("namespace", input.namespace, /^[A-Za-z0-9.-]+(:\d{1,5})?$/, "Namespace is the host name of the relay namespace, as in the registrations — e.g. contoso.servicebus.windows.net.").toLowerCase();
  const caCertificate = input.caCertificate?.trim() || undefined;
  if (caCertificate && !/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(caCertificate)) {
    throw badInput("caCertificate", "The CA certificate must be PEM text (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----).");
  }
  return {
    namespace,
    subscriptionId: matching("subscriptionId", input.subscriptionId, /^[A-Za-z0-9-]{1,64}$/, "Subscription id is the GUID of the subscription that holds the namespace (Azure portal: the namespace's Overview)."),
    resourceGroup: matching("resourceGroup", input.resourceGroup, /^[-\w.()]{1,90}$/, "Resource group: 1–90 letters, digits, -, _, ., ( or ) — as shown on the namespace's Overview."),
    namespaceName: matching("namespaceName", input.namespaceName, /^[A-Za-z0-9-]{1,50}$/, "Namespace name is the resource name (contoso for contoso.servicebus.windows.net): letters, digits and -."),
    endpoint: validEndpoint(input.endpoint),
    ...(caCertificate ? { caCertificate } : {}),
  };
}

function validEndpoint(raw: string | null | undefined): string {
  if (raw == null || raw.trim() === "") return DEFAULT_ARM_ENDPOINT;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badInput("endpoint", "The management endpoint is not an absolute URL — leave it empty for https://management.azure.com.");
  }
  // The Azure SDK sends bearer tokens over TLS only.
  if (url.protocol !== "https:") throw badInput("endpoint", "The management endpoint must use https:// (bearer tokens are never sent over plain http).");
  if (url.username || url.password || url.search || url.hash) throw badInput("endpoint", "Give the management endpoint as scheme, host and port only.");
  return url.origin;
}

/** Checks the credential fields its kind needs. */
export function validCredential(input: CredentialInput): CredentialInput {
  const need = (field: string, value: string | null | undefined, what: string): string => {
    if (!value || !value.trim()) throw badInput(`credential.${field}`, `${what} is required for this credential kind.`);
    return value.trim();
  };
  switch (input.kind) {
    case "environment":
      return input;
    case "managed-identity":
      return { kind: input.kind, clientId: input.clientId?.trim() || null };
    case "client-secret":
      return { kind: input.kind, tenantId: need("tenantId", input.tenantId, "Tenant id"), clientId: need("clientId", input.clientId, "Client id"), clientSecret: need("clientSecret", input.clientSecret, "Client secret") };
    case "static-token":
      return { kind: input.kind, token: need("token", input.token, "Token") };
  }
}
