/**
 * Language choice and message lookup. Pure TS (no Lit), so jest can test it.
 * Supported: en-GB (default) and de-DE; any `de*` tag picks German, anything else British English.
 */
import { deDE } from "./de-DE";
import { enGB, type Catalogue, type MessageKey } from "./en-GB";
import { formatParam } from "./number-format";

export type { Catalogue, MessageKey } from "./en-GB";

export type Language = "en-GB" | "de-DE";

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { "en-GB": enGB, "de-DE": deDE };

export type Params = Readonly<Record<string, string | number>>;

/** Looks up `key` and fills `{placeholders}`; an unknown placeholder stays visible rather than vanishing. */
export type Translate = ((key: MessageKey, params?: Params) => string) & {
  /** The catalogue's language, so helpers given only `t` can translate server messages too (server-messages.ts). */
  readonly language?: Language;
};

/** Maps a BCP 47 tag (`de`, `de-AT`, `de_DE`, `en-GB`, ``) to a supported language. */
export function pickLanguage(tag: string | null | undefined): Language {
  const normalised = (tag ?? "").trim().replace("_", "-").toLowerCase();
  return normalised === "de" || normalised.startsWith("de-") ? "de-DE" : "en-GB";
}

/** `template` with its `{placeholders}` from `params`; numbers in `language`'s notation (default English). */
export function fill(template: string, params: Params = {}, language: Language = "en-GB"): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? formatParam(name, params[name], language) : whole));
}

export function translator(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  return Object.assign((key: MessageKey, params?: Params) => fill(catalogue[key], params, language), { language });
}
