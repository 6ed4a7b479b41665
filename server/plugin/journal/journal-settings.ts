/**
 * Request journal settings of one registration (docs/operations.md, "Request journal"): how many finished requests
 * this host keeps in memory and whether bodies are recorded. Stored with the registration; older records get the defaults.
 */
import { badInput } from "../errors";

export interface JournalSettings {
  /** Entries kept per registration on this host, newest replacing oldest. Default 200: a few minutes of a busy API, ~1 MB at most. 0 keeps none. */
  size: number;
  /** Record up to 4 kB of each request and response body. Default false: bodies carry personal data and credentials. */
  recordBodies: boolean;
}

export const DEFAULT_JOURNAL: Readonly<JournalSettings> = Object.freeze({ size: 200, recordBodies: false });

/** Upper bound of `size`: 5 000 entries of at most ~10 kB each stay under ~50 MB per registration. */
export const MAX_JOURNAL_SIZE = 5000;

/** Partial settings as a caller gives them (GraphQL input): absent or null keeps the current value. */
export type JournalInput = { [K in keyof JournalSettings]?: JournalSettings[K] | null };

/** Applies `input` over `current`; an error names `journal.<field>` and says what is right. */
export function validJournal(input: JournalInput | null | undefined, current: JournalSettings = DEFAULT_JOURNAL): JournalSettings {
  const next: JournalSettings = { ...current };
  if (!input) return next;
  if (input.size != null) {
    if (!Number.isInteger(input.size) || input.size < 0 || input.size > MAX_JOURNAL_SIZE) {
      throw badInput("journal.size", `Journal size must be a whole number from 0 to ${MAX_JOURNAL_SIZE}; got ${input.size}.`);
    }
    next.size = input.size;
  }
  if (input.recordBodies != null) next.recordBodies = input.recordBodies;
  return next;
}

/** The settings of a stored record (defaults for one stored before they existed). */
export function journalOf(record: { journal?: JournalSettings }): JournalSettings {
  return { ...DEFAULT_JOURNAL, ...record.journal };
}
