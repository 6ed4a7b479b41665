/** Entry of the Azure Relay components bundle (components/dist/azure-relay.js): defines every element. */
export { AzureRelaySettings } from "./azure-relay-settings";
