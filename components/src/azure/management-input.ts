/**
 * The management-access form as data: its values → SetRelayManagementAccessInput (exactly the SDL's shape,
 * only the credential fields the kind needs, blank optionals left out), and server errors → the input at
 * fault (`extensions.field`, e.g. `credential.tenantId` → the Tenant ID input). Pure, tested with jest.
 */
import { GraphQLRequestError } from "../graphql-client";
import type { Translate } from "../i18n";
import { generalErrorText } from "../problems";
import { problemMessageText } from "../i18n/server-messages";
import { CREDENTIAL_KINDS, type RelayCredentialKind, type RelayCredentialInput, type SetRelayManagementAccessInput } from "./azure-api";

/** The form's inputs (their ids and names), plus `form` for messages that belong to no single input. */
export type AccessField =
  | "subscriptionId"
  | "resourceGroup"
  | "namespaceName"
  | "endpoint"
  | "caCertificate"
  | "kind"
  | "tenantId"
  | "clientId"
  | "clientSecret"
  | "token"
  | "form";

export type AccessErrors = Partial<Record<AccessField, string[]>>;

/** Inputs that hold a secret: write-only, wiped after every save and close. */
export const SECRET_FIELDS: readonly AccessField[] = ["clientSecret", "token"];

/** The credential inputs each kind shows (and sends). */
export const KIND_FIELDS: Readonly<Record<RelayCredentialKind, readonly AccessField[]>> = {
  ENVIRONMENT: [],
  CLIENT_SECRET: ["tenantId", "clientId", "clientSecret"],
  MANAGED_IDENTITY: ["clientId"],
  STATIC_TOKEN: ["token"],
};

export type FormValues = Readonly<Partial<Record<string, string>>>;

export function asKind(value: string | undefined): RelayCredentialKind {
  return CREDENTIAL_KINDS.find((k) => k === value) ?? "ENVIRONMENT";
}

function trimmed(values: FormValues, field: AccessField): string {
  return (values[field] ?? "").trim();
}

/** The mutation input. Required fields are sent even when blank, so the server names them at their input. */
export function toAccessInput(namespace: string, values: FormValues): SetRelayManagementAccessInput {
  const kind = asKind(values.kind);
  const credential: RelayCredentialInput = { kind };
  for (const field of KIND_FIELDS[kind]) {
    const value = trimmed(values, field);
    // A managed identity's client id is optional: blank means the system-assigned identity.
    if (value !== "" || kind !== "MANAGED_IDENTITY") (credential as unknown as Record<string, string>)[field] = value;
  }
  const input: SetRelayManagementAccessInput = {
    namespace,
    subscriptionId: trimmed(values, "subscriptionId"),
    resourceGroup: trimmed(values, "resourceGroup"),
    namespaceName: trimmed(values, "namespaceName"),
    credential,
  };
  const endpoint = trimmed(values, "endpoint");
  const caCertificate = trimmed(values, "caCertificate");
  if (endpoint) input.endpoint = endpoint;
  if (caCertificate) input.caCertificate = caCertificate;
  return input;
}

const FIELDS: readonly AccessField[] = ["subscriptionId", "resourceGroup", "namespaceName", "endpoint", "caCertificate", "tenantId", "clientId", "clientSecret", "token"];

/** `credential.tenantId` → `tenantId`; `credential` / `credential.kind` → `kind`; anything else → `form`. */
export function accessFieldOf(serverField: string | undefined): AccessField {
  if (!serverField) return "form";
  const name = serverField.replace(/^(input\.)?(credential\.)?/, "");
  if (name === "credential" || name === "kind") return "kind";
  return FIELDS.find((f) => f === name) ?? "form";
}

/** A failed save's message at its input; session, permission and network problems for the whole form. */
export function mapAccessError(error: unknown, t: Translate): AccessErrors {
  if (error instanceof GraphQLRequestError && (error.code === "BAD_USER_INPUT" || error.code === "CONFLICT")) {
    const problem = error.problems?.[0];
    return { [accessFieldOf(error.field)]: [problem ? problemMessageText(problem, t.language ?? "en-GB") : error.message] };
  }
  return { form: [generalErrorText(error, t)] };
}

/** The ARM endpoint the server uses when none is given; the form shows it blank rather than repeating it. */
export const DEFAULT_ARM_ENDPOINT = "https://management.azure.com";
