/**
 * The reference host's own texts (shell, sign-in, System Operations) in the languages of `ECS_LANGUAGE`.
 * English is the reference catalogue; German must have every key (test/host/host-texts.test.ts).
 */
import { DE_DE } from "./host-texts.de-DE";
import { EN_GB, type HostTexts } from "./host-texts.en-GB";

export type { HostTexts };

const CATALOGUES: Record<string, HostTexts> = { "en-GB": EN_GB, "de-DE": DE_DE };

/** The catalogue for `lang`; English for any language without one. */
export function hostTexts(lang: string | undefined): HostTexts {
  return CATALOGUES[lang ?? "en-GB"] ?? EN_GB;
}

/** Fills `{name}` placeholders from `params` (unknown placeholders stay visible, so a gap shows in review). */
export function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const HOST_CATALOGUES = CATALOGUES;
