/**
 * Translating what the server says by code. The server sends a stable code with English text and the params the text
 * is built from; the tab shows the catalogue's text in its language, English catalogue next, and the server's own
 * English text when neither knows the code or the text needs a parameter the server did not send. The tab never
 * reads values out of the server's English. Pure TS (jest tests it).
 */
import type { Language } from "./index";
import { serverMessagesDeDE } from "./server-messages.de-DE";
import { serverMessagesEnGB, type ServerMessages } from "./server-messages.en-GB";

export type { ServerMessageKey, ServerMessages } from "./server-messages.en-GB";

export const SERVER_MESSAGE_CATALOGUES: Readonly<Record<Language, ServerMessages>> = { "en-GB": serverMessagesEnGB, "de-DE": serverMessagesDeDE };

/** Values a message is filled with, by name (a server message's `params`). */
export type ServerMessageParams = Readonly<Record<string, unknown>>;

/**
 * The text for `key` (e.g. `error.FORBIDDEN`, `relay.RELAY_UNAUTHORIZED.advice`, `problem.CONNECTION_STRING_KEY_MISSING`)
 * in `lang`; `fallback` (the server's English text) when no catalogue has it or a `{placeholder}` has no value in `params`.
 */
export function translateServerMessage(key: string, params: ServerMessageParams | undefined, lang: Language, fallback?: string): string {
  const template = (SERVER_MESSAGE_CATALOGUES[lang] as Record<string, string>)[key] ?? (serverMessagesEnGB as Record<string, string>)[key];
  if (template === undefined) return fallback ?? key;
  let missing = false;
  const text = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) missing = true;
    return value === undefined || value === null ? whole : String(value);
  });
  return missing && fallback !== undefined ? fallback : text;
}

/**
 * A listener's `lastError` ({ code, message, advice, params }) in `lang`, from its code and params; never from its
 * English text. A target health error's `{detail}` is itself translated from `params.checkOutcome` (`check.<CODE>`).
 */
export function relayErrorText(error: { code: string; message: string; advice: string; params?: ServerMessageParams | null }, lang: Language): { message: string; advice: string } {
  const params = withCheckDetail(error.params ?? undefined, lang);
  return {
    message: translateServerMessage(`relay.${error.code}.message`, params, lang, error.message),
    advice: translateServerMessage(`relay.${error.code}.advice`, params, lang, error.advice),
  };
}

function withCheckDetail(params: ServerMessageParams | undefined, lang: Language): ServerMessageParams | undefined {
  const outcome = params?.checkOutcome;
  if (!params || typeof outcome !== "string") return params;
  return { ...params, detail: translateServerMessage(`check.${outcome}`, params, lang, String(params.detail)) };
}

/** A problem of a connection string or an input (`code` + `params`) in `lang`; the server's English when it sent no code. */
export function problemMessageText(problem: { code?: string | null; message: string; params?: ServerMessageParams | null }, lang: Language): string {
  return problem.code ? translateServerMessage(`problem.${problem.code}`, problem.params ?? undefined, lang, problem.message) : problem.message;
}

/** A system operation's message (`code` + `params`, English `text`) in `lang`. */
export function operationMessageText(message: { code: string; params?: ServerMessageParams | null; text: string }, lang: Language): string {
  return translateServerMessage(`operation.${message.code}`, message.params ?? undefined, lang, message.text);
}
