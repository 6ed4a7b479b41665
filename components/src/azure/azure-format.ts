/**
 * Words for the Azure column and the management-access summary. Pure (no Lit, no DOM), so jest tests them.
 * Warnings are returned as text with a title, so the element never signals by colour alone.
 */
import { count } from "../format";
import { GraphQLRequestError } from "../graphql-client";
import type { Language, Translate } from "../i18n";
import type { MessageKey } from "../i18n/en-GB";
import { generalErrorText } from "../problems";
import type { Relay, RelayCredentialKind, RelayManagementAccess } from "./azure-api";

/** Shown where Azure's count is unknown (no relay, or Azure was not asked). */
export const UNKNOWN = "—";

/** Azure's listener count, or "—" when Azure did not say. */
export function listenerCountText(relay: Relay | null | undefined, language: Language): string {
  return relay?.listenerCount == null ? UNKNOWN : count(relay.listenerCount, language);
}

/** Why the count is not Azure's own, or null when it is. */
export function sourceHint(relay: Relay | null | undefined, namespace: string, t: Translate): string | null {
  if (!relay) return t("azureNoRelay");
  if (relay.source === "AZURE") return relay.existsInAzure === false ? t("azureMissing", { name: relay.name }) : null;
  return relay.managementError ? t("azureNotAsked") : t("azureFromRegistrations", { namespace });
}

export type WarningKind = "halfOpen" | "foreign" | "managementError";

export interface AzureWarning {
  kind: WarningKind;
  title: string;
  text: string;
}

/** The suspicions (with their advice) and Azure's error, in the order an admin should read them. */
export function azureWarnings(relay: Relay | null | undefined, t: Translate): AzureWarning[] {
  if (!relay) return [];
  const warnings: AzureWarning[] = [];
  if (relay.halfOpenSuspected) warnings.push({ kind: "halfOpen", title: t("azureHalfOpenTitle"), text: relay.halfOpenAdvice ?? "" });
  if (relay.foreignListenersSuspected) warnings.push({ kind: "foreign", title: t("azureForeignTitle"), text: relay.foreignListenersAdvice ?? "" });
  if (relay.managementError) warnings.push({ kind: "managementError", title: t("azureErrorTitle"), text: relay.managementError });
  return warnings;
}

/** "Listen, Send, Manage", or null when Azure was not asked. */
export function rightsText(rights: readonly string[] | null | undefined): string | null {
  return rights?.length ? rights.join(", ") : null;
}

export function credentialKindLabel(kind: RelayCredentialKind, t: Translate): string {
  return t(`kind${kind}` as MessageKey);
}

/** One line per fact about configured access; never a secret, only its fingerprint. */
export function accessSummary(access: RelayManagementAccess, t: Translate): string[] {
  const lines = [
    t("mgmtConfigured", { subscriptionId: access.subscriptionId, resourceGroup: access.resourceGroup, namespaceName: access.namespaceName }),
    t("mgmtEndpoint", { endpoint: access.endpoint }) + (access.trustsCustomCa ? ` · ${t("mgmtCustomCa")}` : ""),
    t("mgmtCredential", { kind: credentialKindLabel(access.credentialKind, t) }),
  ];
  if (access.secretFingerprint) lines.push(t("mgmtSecret", { fingerprint: access.secretFingerprint }));
  return lines;
}

/** Why securing failed, in plain words; the server's own sentence when it explains the refusal. */
export function secureErrorText(error: unknown, t: Translate): string {
  if (error instanceof GraphQLRequestError && ["CONFLICT", "BAD_USER_INPUT", "RELAY_REFUSED"].includes(error.code)) {
    return t("secureFailed", { message: error.message });
  }
  return generalErrorText(error, t);
}
