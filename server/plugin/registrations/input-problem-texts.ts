/**
 * The problems of a registration's inputs other than the connection string's own parse (add/update validation), by
 * stable code with their English text. The error carries the code as `problemCode` and the values as `params`; the
 * API sends them as `extensions.problems` ([{ field, code, message, params }]) so the tab says the same in the admin's
 * language (`problem.<CODE>` in components/src/i18n/server-messages.*.ts; test/components/server-messages.test.ts
 * fails when one is missing or the English differs).
 */
import { RelayPluginError, type RelayErrorCode } from "../errors";
import { NAME_RULES, fillProblem, type NameRule, type ProblemParams } from "./connection-string-problem-texts";

const hybridNameTexts = Object.fromEntries(Object.entries(NAME_RULES).map(([rule, phrase]) => [`HYBRID_CONNECTION_NAME_${rule}`, `Hybrid connection name ${phrase}.`])) as {
  [R in NameRule as `HYBRID_CONNECTION_NAME_${R}`]: `Hybrid connection name ${(typeof NAME_RULES)[R]}.`;
};

export const INPUT_PROBLEM_TEXTS = {
  NAME_EMPTY: "Name is empty — give the registration a short name, e.g. \"ECS Core production\".",
  NAME_TOO_LONG: "Name is {length} characters long — use at most {max}.",
  NAME_INVISIBLE_CHARACTER: "Name contains an invisible, control or formatting character ({character} at position {position}) — remove it; letters of any script, digits, spaces and punctuation are fine.",
  TARGET_URL_NOT_ABSOLUTE: "Target URL is not an absolute URL — use the base URL of the local web services, e.g. http://127.0.0.1:8080/.",
  TARGET_URL_SCHEME: "Target URL uses {scheme}// — use http:// or https://.",
  TARGET_URL_CREDENTIALS: "Target URL contains credentials — remove user and password from the URL.",
  TARGET_URL_QUERY: "Target URL has a query or fragment — give only scheme, host, port and base path.",
  TARGET_URL_UNRESOLVED: "Target URL host {host} could not be resolved ({reason}) — check the name, or use the service's IP address, e.g. http://127.0.0.1:8080/.",
  TARGET_URL_REFUSED: "Target URL is refused: {address} is {reason} — relayed requests may go to local web services (e.g. http://127.0.0.1:8080/), not there; if this installation really needs it, allow the address with {setting}.",
  ...hybridNameTexts,
  HYBRID_CONNECTION_NAME_REQUIRED: "The connection string has no EntityPath — enter the name of the hybrid connection to listen on (Azure portal: Relay namespace > Hybrid Connections).",
  HYBRID_CONNECTION_NAME_MISMATCH: "The connection string names hybrid connection {entityPath} (EntityPath) — leave this field empty or use the same name.",
  CONNECTION_STRING_SIGNATURE_ONLY: "This connection string carries a SharedAccessSignature, which expires and cannot be renewed — paste a string with SharedAccessKeyName and SharedAccessKey (Shared access policies > your rule > Primary Connection String).",
  CONNECTION_STRING_OTHER_NAMESPACE: "This connection string is for {namespace}, but the registration listens on {expected} — add a new registration for another namespace.",
  CONNECTION_STRING_OTHER_HYBRID_CONNECTION: "This connection string is for hybrid connection {hybridConnectionName}, but the registration listens on {expected}.",
  REGISTRATION_DUPLICATE: "Hybrid connection {hybridConnectionName} of {namespace} is already registered as \"{registration}\" — update that registration instead (e.g. to rotate its key).",
  WEB_SOCKETS_CHOICE: "webSockets {value} is not a choice — use default (follow the installation), pass or refuse.",
  TARGET_HEALTH_METHOD: "Health check method {method} is not allowed — use HEAD, GET or OPTIONS.",
  TARGET_HEALTH_NUMBER: "Health check {setting} must be a whole number from {min} to {max}; got {value}.",
  TARGET_HEALTH_TIMEOUT_OVER_INTERVAL: "Health check timeoutMs ({timeoutMs}) must not exceed intervalMs ({intervalMs}) — checks would overlap.",
  TARGET_HEALTH_PATH: "Health check path must start with /, be at most 200 printable ASCII characters, without spaces, '..' segments or '#', e.g. /healthz.",
  TARGET_HEALTH_STATUSES: "Healthy statuses {statuses} are not a list of statuses or ranges from 100 to 599 — e.g. 200-399 or 200-299,404.",
  TARGET_HEALTH_STATUSES_EMPTY: "Healthy statuses are empty — give statuses or ranges, e.g. 100-499.",
  // Management access (setRelayManagementAccess).
  MANAGEMENT_NAMESPACE: "Namespace is the host name of the relay namespace, as in the registrations — e.g. contoso.servicebus.windows.net.",
  MANAGEMENT_SUBSCRIPTION_ID: "Subscription id is the GUID of the subscription that holds the namespace (Azure portal: the namespace's Overview).",
  MANAGEMENT_RESOURCE_GROUP: "Resource group: 1–90 letters, digits, -, _, ., ( or ) — as shown on the namespace's Overview.",
  MANAGEMENT_NAMESPACE_NAME: "Namespace name is the resource name (contoso for contoso.servicebus.windows.net): letters, digits and -.",
  MANAGEMENT_CA_CERTIFICATE: "The CA certificate must be PEM text (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----).",
  MANAGEMENT_ENDPOINT_NOT_ABSOLUTE: "The management endpoint is not an absolute URL — leave it empty for https://management.azure.com.",
  MANAGEMENT_ENDPOINT_NOT_HTTPS: "The management endpoint must use https:// (bearer tokens are never sent over plain http).",
  MANAGEMENT_ENDPOINT_PARTS: "Give the management endpoint as scheme, host and port only.",
  MANAGEMENT_TENANT_ID_REQUIRED: "Tenant id is required for this credential kind.",
  MANAGEMENT_CLIENT_ID_REQUIRED: "Client id is required for this credential kind.",
  MANAGEMENT_CLIENT_SECRET_REQUIRED: "Client secret is required for this credential kind.",
  MANAGEMENT_TOKEN_REQUIRED: "Token is required for this credential kind.",
} as const;

export type InputProblemCode = keyof typeof INPUT_PROBLEM_TEXTS;

/** An input error (BAD_USER_INPUT, or CONFLICT for a clash) at `field` for problem `code`, its message filled from `params`. */
export function inputProblem(field: string, code: InputProblemCode, params: ProblemParams = {}, errorCode: RelayErrorCode = "BAD_USER_INPUT"): RelayPluginError {
  return new RelayPluginError(errorCode, fillProblem(INPUT_PROBLEM_TEXTS[code], params), field, { params, problemCode: code });
}
