/** Entry of the Azure Relay components bundle (components/dist/azure-relay.js): defines every element. */
export { AzureRelaySettings } from "./azure-relay-settings";
export { AzureRelayOverview } from "./elements/azure-relay-overview";
export { AzureRelayRegistrationRow } from "./elements/azure-relay-registration-row";
export { AzureRelayStatusBadge } from "./elements/azure-relay-status-badge";
export { AzureRelayAddDialog } from "./elements/azure-relay-add-dialog";
export { AzureRelayEditDialog } from "./elements/azure-relay-edit-dialog";
export { AzureRelayConfirmDialog } from "./elements/azure-relay-confirm-dialog";
export { AzureRelayCacheNotice } from "./elements/azure-relay-cache-notice";
export { AzureRelayEmptyState } from "./elements/azure-relay-empty-state";
export { AzureRelayConnectionStringField } from "./elements/azure-relay-connection-string-field";
export { AzureRelayAzureSummary } from "./elements/azure-relay-azure-summary";
export { AzureRelaySecureNotice } from "./elements/azure-relay-secure-notice";
export { AzureRelayManagementPanel } from "./elements/azure-relay-management-panel";
export { AzureRelayManagementDialog } from "./elements/azure-relay-management-dialog";
export { EVENTS } from "./events";
