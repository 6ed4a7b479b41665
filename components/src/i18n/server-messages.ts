/**
 * Translating what the server says by code. The server sends a stable code with English text (and for some, params);
 * the tab shows the catalogue's text in its language, English catalogue next, and the server's own English text when
 * neither knows the code or the text needs a parameter the server did not send. Pure TS (jest tests it).
 */
import type { Language } from "./index";
import { serverMessagesDeDE } from "./server-messages.de-DE";
import { serverMessagesEnGB, type ServerMessages } from "./server-messages.en-GB";

export type { ServerMessageKey, ServerMessages } from "./server-messages.en-GB";

export const SERVER_MESSAGE_CATALOGUES: Readonly<Record<Language, ServerMessages>> = { "en-GB": serverMessagesEnGB, "de-DE": serverMessagesDeDE };

export type ServerMessageParams = Readonly<Record<string, string | number | boolean>>;

/**
 * The text for `key` (e.g. `error.FORBIDDEN`, `relay.RELAY_UNAUTHORIZED.advice`) in `lang`; `fallback` (the server's
 * English text) when no catalogue has it or a `{placeholder}` has no value in `params`.
 */
export function translateServerMessage(key: string, params: ServerMessageParams | undefined, lang: Language, fallback?: string): string {
  const template = (SERVER_MESSAGE_CATALOGUES[lang] as Record<string, string>)[key] ?? (serverMessagesEnGB as Record<string, string>)[key];
  if (template === undefined) return fallback ?? key;
  let missing = false;
  const text = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params?.[name];
    if (value === undefined) missing = true;
    return value === undefined ? whole : String(value);
  });
  return missing && fallback !== undefined ? fallback : text;
}

/** A listener's `lastError` ({ code, message, advice }) in `lang`. */
export function relayErrorText(error: { code: string; message: string; advice: string }, lang: Language, params?: ServerMessageParams): { message: string; advice: string } {
  return {
    message: translateServerMessage(`relay.${error.code}.message`, params ?? paramsFromMessage(error), lang, error.message),
    advice: translateServerMessage(`relay.${error.code}.advice`, params, lang, error.advice),
  };
}

/**
 * The parameters a lastError carries only inside its English text today: the rotation timeout's seconds, and a target
 * health failure's target URL and what the check saw (that detail stays in the server's words).
 */
function paramsFromMessage(error: { code: string; message: string }): ServerMessageParams | undefined {
  if (error.code === "RELAY_ROTATION_TIMEOUT") {
    const seconds = /within (\d+) s/.exec(error.message)?.[1];
    return seconds ? { seconds } : undefined;
  }
  if (error.code === "TARGET_UNHEALTHY" || error.code === "TARGET_UNHEALTHY_WITHDRAWN") {
    const found = /local service at (\S+) does not answer \((.*)\)/.exec(error.message);
    return found ? { target: found[1]!, detail: found[2]! } : undefined;
  }
  return undefined;
}
