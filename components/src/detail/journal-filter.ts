/**
 * The journal's filters: what the admin chose (outcome, status class, method, path text), the `RelayRequestFilter`
 * input the server gets, and the same test applied in the browser to entries the live tail brings (the server's
 * subscription sends every entry of the registration). Pure TS (jest tests it).
 */
import { REQUEST_OUTCOMES, type JournalEntry, type RequestOutcome } from "./detail-types";

export interface JournalFilterState {
  /** "" = any. */
  outcome: RequestOutcome | "";
  /** 1…5 for 1xx…5xx; null = any. */
  statusClass: number | null;
  /** Upper case, e.g. GET; "" = any. */
  method: string;
  /** Case-insensitive text in the path; "" = any. */
  pathContains: string;
}

export const NO_FILTER: JournalFilterState = { outcome: "", statusClass: null, method: "", pathContains: "" };

export const STATUS_CLASSES: readonly number[] = [1, 2, 3, 4, 5];

/** Methods offered in the method filter (any other method is still shown unfiltered). */
export const JOURNAL_METHODS: readonly string[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** How many entries the view asks for and keeps while tailing. Default 100: a screenful or two, cheap to render. */
export const JOURNAL_VIEW_LIMIT = 100;

/** The server's `RelayRequestFilter` (only the fields set). */
export interface RequestFilterInput {
  outcome?: RequestOutcome;
  statusClass?: number;
  method?: string;
  pathContains?: string;
  limit?: number;
}

export function toFilterInput(state: JournalFilterState, limit = JOURNAL_VIEW_LIMIT): RequestFilterInput {
  const input: RequestFilterInput = { limit };
  if (state.outcome) input.outcome = state.outcome;
  if (state.statusClass !== null) input.statusClass = state.statusClass;
  if (state.method.trim()) input.method = state.method.trim().toUpperCase();
  if (state.pathContains.trim()) input.pathContains = state.pathContains.trim();
  return input;
}

/** Does a tailed entry pass the filters (as the server would have filtered it)? */
export function matchesFilter(entry: JournalEntry, state: JournalFilterState): boolean {
  if (state.outcome && entry.outcome !== state.outcome) return false;
  if (state.statusClass !== null && (entry.status === null || Math.floor(entry.status / 100) !== state.statusClass)) return false;
  if (state.method.trim() && entry.method.toUpperCase() !== state.method.trim().toUpperCase()) return false;
  if (state.pathContains.trim() && !entry.path.toLowerCase().includes(state.pathContains.trim().toLowerCase())) return false;
  return true;
}

/** The list with a tailed entry on top (newest first), unless filtered out or already there; at most `limit` long. */
export function withTailEntry<T extends JournalEntry>(list: readonly T[], entry: T, state: JournalFilterState, limit = JOURNAL_VIEW_LIMIT): readonly T[] {
  if (!matchesFilter(entry, state) || list.some((e) => e.id === entry.id)) return list;
  return [entry, ...list].slice(0, limit);
}

/** A filter state read back from form values (anything unknown becomes "any"). */
export function filterFromForm(values: { outcome: string; statusClass: string; method: string; pathContains: string }): JournalFilterState {
  const outcome = REQUEST_OUTCOMES.find((o) => o === values.outcome) ?? "";
  const cls = Number(values.statusClass);
  return {
    outcome,
    statusClass: STATUS_CLASSES.includes(cls) ? cls : null,
    method: values.method.trim().toUpperCase(),
    pathContains: values.pathContains,
  };
}
