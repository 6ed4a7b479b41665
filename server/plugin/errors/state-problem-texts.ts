/**
 * Problems of a request against the current state (what is not there, what changed meanwhile, what Azure or the farm
 * refused), by stable code with their English text. Like the input problems (registrations/input-problem-texts.ts),
 * the error carries the code as `problemCode` and the values as `params`; the API sends them as `extensions.problems`,
 * and the tab says the same from `problem.<CODE>` in its catalogues (test/components/server-messages.test.ts fails
 * when one is missing or the English differs). A param `<name>Code` names a nested text (`action.<CODE>`,
 * `reason.<CODE>`) that the tab translates too; the raw `{name}` beside it is the fallback.
 */
import { fillProblem, type ProblemParams } from "../registrations/connection-string-problem-texts";
import type { RelayErrorCode } from "./codes";
import { RelayPluginError } from "./relay-plugin-error";

export const STATE_PROBLEM_TEXTS = {
  REGISTRATION_NOT_FOUND: "No relay registration with id \"{id}\" — list them with relayRegistrations.",
  LISTENER_NOT_FOUND: "No relay listener for registration {id}.",
  // A change that did not complete because another came first (the previous settings stay in use).
  CHANGE_SUPERSEDED: "The relay settings changed again before the change completed.",
  ROTATION_SUPERSEDED: "Superseded by a newer key rotation.",
  CHANGE_LISTENER_RESTARTED: "The listener was restarted during the change.",
  CHANGE_REGISTRATION_GONE: "The registration was disabled or removed during the change.",
  DATA_PLANE_RESTARTED: "The relay data plane restarted during the change; the previous settings stay in use.",
  DATA_PLANE_RESTARTING: "The relay data plane is restarting; try again in a moment.",
  SUPERVISOR_STOPPING: "The relay supervisor is stopping.",
  // secureRelayRegistration.
  SECURE_NO_MANAGEMENT_ACCESS: "{namespace} has no management access — configure it (setRelayManagementAccess) or create a Listen-only rule in the Azure portal and rotate the key by hand.",
  SECURE_RULE_MISSING: "Azure has no rule {keyName} for hybrid connection {hybridConnectionName} — check the management access points at the namespace this registration uses.",
  SECURE_ALREADY_LIMITED: "The registration's rule {keyName} has {rights} rights, not Manage — it is already limited; nothing to do.",
  // Azure Resource Manager (management/relay-management-client.ts); {action} is `action.<CODE>` below, filled with {name};
  // {answer} is ARM's status and error code (`403 AuthorizationFailed`), {armMessage} ARM's own English (it holds no secret).
  MANAGEMENT_PROXY_AUTH_REQUIRED: "Could not {action}. The outbound proxy answered 407 Proxy Authentication Required — it asks for credentials (PROXY_AUTH_REQUIRED): put the proxy user and password into the setting azure-relay.proxyUrl (http://user:password@proxy:port) or HTTPS_PROXY, or exempt the management host with proxyBypass / NO_PROXY if this server may connect directly.",
  MANAGEMENT_ACCESS_DENIED: "Could not {action}. Azure Resource Manager answered {answer}: {armMessage} — check the management credential and that it has a role such as Contributor on the relay namespace.",
  MANAGEMENT_RESOURCE_NOT_FOUND: "Could not {action}. Azure Resource Manager answered {answer}: {armMessage} — check the subscription id, resource group and namespace name of the management access.",
  MANAGEMENT_ANSWERED: "Could not {action}. Azure Resource Manager answered {answer}: {armMessage}",
  MANAGEMENT_UNREACHABLE: "Could not {action}. Azure Resource Manager could not be reached ({reason}).",
  // The web farm.
  FARM_STORE_VERSION_WENT_BACK: "The farm's configuration version went back from {applied} to {version}: the shared store lost its data or was replaced. Changes are refused; this host keeps serving its last configuration (see the farm warning for what to do).",
  FARM_RESTART_NO_REGISTRATION: "The restart request names no registration id.",
  FARM_HOST_ID_INVALID: "hostId must be a host id as farmHosts lists it (1 to 200 printable characters).",
  // Probe settings (probe/probe-settings.ts).
  PROBE_INTERVAL: "Probe interval {value} is not allowed — use 0 (off) or whole seconds from {min} to {max}.",
  PROBE_OTHER_NAMESPACE: "This connection string is for {namespace}, but the registration listens on {expected} — use a Send policy of the same namespace.",
  PROBE_OTHER_HYBRID_CONNECTION: "This connection string is for hybrid connection {hybridConnectionName}, but the registration listens on {expected}.",
} as const;

export type StateProblemCode = keyof typeof STATE_PROBLEM_TEXTS;

/** What Azure Resource Manager was asked to do, for `{action}` of the MANAGEMENT_* problems (`action.<CODE>` in the tab). */
export const MANAGEMENT_ACTION_TEXTS = {
  LIST_HYBRID_CONNECTIONS: "list the hybrid connections",
  READ_HYBRID_CONNECTION: "read hybrid connection {name}",
  CREATE_HYBRID_CONNECTION: "create hybrid connection {name}",
  READ_RULE: "read authorization rule {name}",
  CREATE_LISTEN_RULE: "create the Listen rule {name}",
} as const;

export type ManagementActionCode = keyof typeof MANAGEMENT_ACTION_TEXTS;

/** `{ action, actionCode, name? }` for a MANAGEMENT_* problem: the English action filled, and its code for the tab. */
export function managementAction(code: ManagementActionCode, name?: string): ProblemParams {
  const params: ProblemParams = name === undefined ? {} : { name };
  return { ...params, action: fillProblem(MANAGEMENT_ACTION_TEXTS[code], params), actionCode: code };
}

/** An error with code `errorCode` for problem `code`, its message filled from `params`, at `field` if one is at fault. */
export function stateProblem(errorCode: RelayErrorCode, code: StateProblemCode, params: ProblemParams = {}, field?: string, cause?: unknown): RelayPluginError {
  return new RelayPluginError(errorCode, fillProblem(STATE_PROBLEM_TEXTS[code], params), field, { params, problemCode: code, ...(cause === undefined ? {} : { cause }) });
}
