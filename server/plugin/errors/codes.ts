/**
 * Every code the plugin puts into `extensions.code`, with what it means. The host contract's codes
 * (server/host/contract.ts `ErrorCode`) are a subset; RELAY_REFUSED is the plugin's own. `npm run schema`
 * generates components/src/generated/error-codes.ts from this list, so the tab translates exactly these.
 */
import type { ErrorCode as HostErrorCode } from "../../host/contract";

export const RELAY_ERROR_CODES = {
  BAD_USER_INPUT: "An input is wrong; `field` names it and the message says what would be right.",
  UNAUTHENTICATED: "No session and no access token.",
  FORBIDDEN: "The caller's role lacks the permission the operation needs.",
  NOT_FOUND: "The registration (or other thing) named by `field` does not exist.",
  CONFLICT: "The request clashes with the current state (a duplicate, a superseded change, nothing to do).",
  RELAY_REFUSED: "Azure Relay or Azure Resource Manager refused or could not be reached; the previous settings stay in use.",
  FARM_UNAVAILABLE: "The web farm's shared store (Redis) cannot be reached: changes are refused until it returns; every host keeps serving with the configuration it has.",
  FARM_HOST_NOT_FOUND: "The host id (`field` hostId, `params.hostId`) is not a host of the web farm now: it never was, or it stopped; farmHosts lists the hosts.",
  FARM_HOST_NOT_ANSWERING: "The host (`params.hostId`) is in the web farm but did not answer within the operation deadline (`params.seconds`).",
  FARM_STORE_RESET: "The web farm's Redis lost its data or is not the store this host joined: changes are refused; every host keeps serving its last configuration.",
  INTERNAL_SERVER_ERROR: "A fault of the plugin; details are in the host log, never in the answer.",
  // Every host code must be listed (the plugin passes host errors through unchanged); codes of its own may be added.
} as const satisfies Record<HostErrorCode, string> & Record<string, string>;

export type RelayErrorCode = keyof typeof RELAY_ERROR_CODES;
