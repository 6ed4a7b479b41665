/**
 * A system operation in the host's language: its title and description, and its messages (summary, lines) by code
 * from the texts the plugin gave (contract SystemOperation.texts); the English the plugin sent where it gave none.
 */
import type { OperationMessage, SystemOperationInfo, SystemOperationTexts } from "../../contract";
import { fill } from "../i18n/host-texts";

/** The operation's texts for `lang` (`de-DE`, else any `de-…`); undefined for English or a language it lacks. */
export function operationTexts(texts: SystemOperationInfo["texts"], lang: string | undefined): SystemOperationTexts | undefined {
  if (!texts || !lang) return undefined;
  const base = lang.split("-")[0]!.toLowerCase();
  return texts[lang] ?? Object.entries(texts).find(([tag]) => tag.split("-")[0]!.toLowerCase() === base)?.[1];
}

/** Title and description in the host's language. */
export function localisedOperation<T extends SystemOperationInfo>(op: T, lang: string | undefined): T {
  const texts = operationTexts(op.texts, lang);
  return { ...op, title: texts?.title ?? op.title, description: texts?.description ?? op.description };
}

/** Param names whose numbers are identifiers (a port, an HTTP status), shown as sent rather than as quantities. */
const IDENTIFIER_PARAMS = new Set(["port", "status", "position", "year", "version", "applied"]);

/** A param's value for a text in `lang`: a number in that language's notation (`12,5` in German), anything else as is. */
export function formatParam(name: string, value: unknown, lang: string | undefined): string {
  if (typeof value !== "number" || !Number.isFinite(value) || IDENTIFIER_PARAMS.has(name)) return String(value);
  // Grouping from five digits ("min2", ES2023), as German and English style guides prefer for four-digit numbers.
  return new Intl.NumberFormat(lang || "en-GB", { maximumFractionDigits: 3, useGrouping: "min2" as unknown as boolean }).format(value);
}

/** A message in the host's language (`lang`, for its numbers): its template filled from its params, else its English text. */
export function messageText(message: OperationMessage, texts: SystemOperationTexts | undefined, lang?: string): string {
  const template = texts?.messages?.[message.code];
  if (template === undefined) return message.text;
  const params = Object.fromEntries(Object.entries(message.params ?? {}).map(([name, value]) => [name, formatParam(name, value, lang)]));
  const filled = fill(template, params);
  return /\{\w+\}/.test(filled) ? message.text : filled; // a placeholder without a value: the English says it whole
}
