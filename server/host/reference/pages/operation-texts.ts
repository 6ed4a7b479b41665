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

/** A message in the host's language: its template filled from its params, else its English text. */
export function messageText(message: OperationMessage, texts: SystemOperationTexts | undefined): string {
  const template = texts?.messages?.[message.code];
  if (template === undefined) return message.text;
  const params = Object.fromEntries(Object.entries(message.params ?? {}).map(([name, value]) => [name, String(value)]));
  const filled = fill(template, params);
  return /\{\w+\}/.test(filled) ? message.text : filled; // a placeholder without a value: the English says it whole
}
