/** Validation of management access input. Every problem names its field and says what would be right. */
import { inputProblem, type InputProblemCode } from "../registrations/input-problem-texts";
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

function matching(field: string, value: string, pattern: RegExp, code: InputProblemCode): string {
  const trimmed = value.trim();
  if (!pattern.test(trimmed)) throw inputProblem(field, code);
  return trimmed;
}

export function validAccessFields(input: AccessFields): Omit<ManagementAccessRecord, "credential" | "updatedAt" | "updatedBy"> {
  const namespace = matching("namespace", input.namespace, /^[A-Za-z0-9.-]+(:\d{1,5})?$/, "MANAGEMENT_NAMESPACE").toLowerCase();
  const caCertificate = input.caCertificate?.trim() || undefined;
  if (caCertificate && !/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(caCertificate)) {
    throw inputProblem("caCertificate", "MANAGEMENT_CA_CERTIFICATE");
  }
  return {
    namespace,
    subscriptionId: matching("subscriptionId", input.subscriptionId, /^[A-Za-z0-9-]{1,64}$/, "MANAGEMENT_SUBSCRIPTION_ID"),
    resourceGroup: matching("resourceGroup", input.resourceGroup, /^[-\w.()]{1,90}$/, "MANAGEMENT_RESOURCE_GROUP"),
    namespaceName: matching("namespaceName", input.namespaceName, /^[A-Za-z0-9-]{1,50}$/, "MANAGEMENT_NAMESPACE_NAME"),
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
    throw inputProblem("endpoint", "MANAGEMENT_ENDPOINT_NOT_ABSOLUTE");
  }
  // The Azure SDK sends bearer tokens over TLS only.
  if (url.protocol !== "https:") throw inputProblem("endpoint", "MANAGEMENT_ENDPOINT_NOT_HTTPS");
  if (url.username || url.password || url.search || url.hash) throw inputProblem("endpoint", "MANAGEMENT_ENDPOINT_PARTS");
  return url.origin;
}

/** Checks the credential fields its kind needs. */
export function validCredential(input: CredentialInput): CredentialInput {
  const need = (field: string, value: string | null | undefined, code: InputProblemCode): string => {
    if (!value || !value.trim()) throw inputProblem(`credential.${field}`, code);
    return value.trim();
  };
  switch (input.kind) {
    case "environment":
      return input;
    case "managed-identity":
      return { kind: input.kind, clientId: input.clientId?.trim() || null };
    case "client-secret":
      return { kind: input.kind, tenantId: need("tenantId", input.tenantId, "MANAGEMENT_TENANT_ID_REQUIRED"), clientId: need("clientId", input.clientId, "MANAGEMENT_CLIENT_ID_REQUIRED"), clientSecret: need("clientSecret", input.clientSecret, "MANAGEMENT_CLIENT_SECRET_REQUIRED") };
    case "static-token":
      return { kind: input.kind, token: need("token", input.token, "MANAGEMENT_TOKEN_REQUIRED") };
  }
}
