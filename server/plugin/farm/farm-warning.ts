/**
 * The farm warning (docs/farm.md): what an admin sees beside the registrations and in /healthz's details when the
 * farm's Redis cannot be reached or came back reset. Stable codes with English text; the tab translates them
 * (`relay.<CODE>.message` / `.advice` in the server-message catalogues).
 */
import type { FarmCondition } from "../../host/contract";

export const FARM_UNAVAILABLE = "FARM_UNAVAILABLE";
export const FARM_STORE_RESET = "FARM_STORE_RESET";
/** Every code a farm warning may carry. */
export const FARM_WARNING_CODES = [FARM_UNAVAILABLE, FARM_STORE_RESET] as const;

export interface FarmWarning {
  code: (typeof FARM_WARNING_CODES)[number];
  message: string;
  advice: string;
  /** When the farm entered this condition. */
  since: Date;
}

/** The warning for `condition`, or null when the farm is fine. */
export function farmWarningOf(condition: FarmCondition): FarmWarning | null {
  const since = new Date(condition.since);
  switch (condition.state) {
    case "ok":
      return null;
    case "unreachable":
      return {
        code: FARM_UNAVAILABLE, since,
        message: "The web farm's shared store (Redis) cannot be reached.",
        advice: "Every host keeps serving with the configuration it has; changes are refused until Redis is back. Check that Redis runs and that this host reaches it (ECS_STORE_URL).",
      };
    case "store-reset":
      return {
        code: FARM_STORE_RESET, since,
        message: `${condition.detail} This host keeps serving its last configuration and ignores what Redis holds now.`,
        advice: "Restore Redis from its backup, or point ECS_STORE_URL back at the farm's Redis: the warning clears by itself. If the new Redis is to stay, restart the hosts one by one and enter the registrations again. Run Redis with persistence (AOF or RDB) so a restart keeps its data.",
      };
  }
}
