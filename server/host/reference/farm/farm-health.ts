/**
 * The farm's part of /healthz (docs/farm.md, "/healthz"). /healthz is liveness and stays 200 while the host serves:
 * relayed traffic never touches Redis, so a farm problem is not a reason to restart or drain the host. The body says
 * what is wrong instead, in fixed words without the store's address (/healthz answers anyone).
 */
import type { FarmCondition } from "../../contract";

export interface FarmHealth {
  state: FarmCondition["state"];
  since?: string;
  warning?: string;
}

const WARNINGS: Record<Exclude<FarmCondition["state"], "ok">, string> = {
  unreachable: "The farm's Redis cannot be reached: this host keeps serving with its last configuration; changes are refused until Redis is back.",
  "store-reset": "The farm's Redis lost its data or is another instance: this host keeps serving its last configuration and refuses changes; restore Redis or restart the hosts (docs/farm.md).",
};

/** The farm's part of /healthz on a shared store (a single host's /healthz has none). */
export function farmHealth(condition: FarmCondition): FarmHealth {
  if (condition.state === "ok") return { state: "ok" };
  return { state: condition.state, since: condition.since, warning: WARNINGS[condition.state] };
}
