/**
 * Numbers in a filled text in the language's own notation (`12,5` in German, `12.5` in English). Identifiers that
 * happen to be numbers (a port, an HTTP status, a position, a configuration version) stay as written: `8.080` would be wrong in any language.
 * Grouping starts at five digits (`useGrouping: "min2"`), as both Duden and the CLDR style prefer for four.
 */
import type { Language } from "./index";

/** Param names whose numbers are identifiers, never quantities; shown as the server sent them. */
const IDENTIFIER_PARAMS = new Set(["port", "status", "position", "year", "version", "applied"]);

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(language: Language): Intl.NumberFormat {
  let format = formatters.get(language);
  if (!format) {
    // "min2" is ES2023 (Node 20, every current browser); the cast because TypeScript's lib may not know it yet.
    format = new Intl.NumberFormat(language, { maximumFractionDigits: 3, useGrouping: "min2" as unknown as boolean });
    formatters.set(language, format);
  }
  return format;
}

/** `value` as text for `{name}` in `language`: a finite number in the language's notation, anything else as a string. */
export function formatParam(name: string, value: unknown, language: Language): string {
  if (typeof value === "number" && Number.isFinite(value) && !IDENTIFIER_PARAMS.has(name)) return formatter(language).format(value);
  return String(value);
}
