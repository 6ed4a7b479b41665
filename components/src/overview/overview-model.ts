/**
 * The overview's arithmetic: how many registrations are in each state, the order of the table (the ones that
 * need attention first), and the text and state filters. Pure TS (no Lit, no DOM), so jest tests it.
 * States come from the generated `RelayState`, so a state the server adds later is counted without a change here
 * (it sorts with the transitional ones until it is given a rank).
 */
import { RELAY_STATES, type RelayRegistration, type RelayState } from "../registrations-client";

/** Lower sorts first: a listener that cannot serve and will not recover by itself, then those on their way. */
const RANK: Partial<Record<RelayState, number>> = {
  UNAUTHORIZED: 0,
  NOT_FOUND: 0,
  FAILED: 0,
  RECONNECTING: 1,
  CONNECTING: 2,
  STOPPING: 2,
  ONLINE: 3,
  DISABLED: 4,
};
const UNRANKED = 2;

export function stateRank(state: RelayState): number {
  return RANK[state] ?? UNRANKED;
}

/** States that need an admin: shown in the danger colour and first in the table. */
export function isFailing(state: RelayState): boolean {
  return stateRank(state) === 0;
}

/** Every state of the schema, in display order (most urgent first). */
export function statesInOrder(): RelayState[] {
  return [...RELAY_STATES].sort((a, b) => stateRank(a) - stateRank(b));
}

/** Registrations per state, every state present (zero included). */
export function countByState(registrations: readonly RelayRegistration[]): Map<RelayState, number> {
  const counts = new Map<RelayState, number>(statesInOrder().map((s) => [s, 0]));
  for (const r of registrations) counts.set(r.status.state, (counts.get(r.status.state) ?? 0) + 1);
  return counts;
}

/** Failing first, then by name (and id, so equal names keep a stable order). */
export function sortForOverview(registrations: readonly RelayRegistration[]): RelayRegistration[] {
  return [...registrations].sort(
    (a, b) => stateRank(a.status.state) - stateRank(b.status.state) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}

export interface OverviewFilter {
  /** Matched case-insensitively against name, hybrid connection, namespace and target. Empty: everything. */
  text: string;
  /** One state, or "" for all. */
  state: RelayState | "";
}

export function matches(r: RelayRegistration, filter: OverviewFilter): boolean {
  if (filter.state && r.status.state !== filter.state) return false;
  const needle = filter.text.trim().toLowerCase();
  if (!needle) return true;
  return [r.name, r.hybridConnectionName, r.namespace, r.targetUrl].some((field) => field.toLowerCase().includes(needle));
}

export function applyFilter(registrations: readonly RelayRegistration[], filter: OverviewFilter): RelayRegistration[] {
  return registrations.filter((r) => matches(r, filter));
}
