/** The plugin's errors: one family, one list of codes. */
export { RELAY_ERROR_CODES, type RelayErrorCode } from "./codes";
export { RELAY_ERROR_BRAND, RelayPluginError, badInput, isRelayPluginError, type RelayErrorOptions, type RelayErrorParams, type RelayErrorShape } from "./relay-plugin-error";
