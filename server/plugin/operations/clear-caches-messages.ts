/**
 * The messages of *Clear consumer website caches* by code + params, and its texts per language for the host's
 * System Operations page (contract `SystemOperation.texts`). The templates are the tab's server-message catalogues
 * (`operation.<CODE>` in components/src/i18n/server-messages.*.ts): one place for each text, English included.
 */
import type { ConsumerCacheReport, OperationMessage, SystemOperationTexts } from "../../host/contract";
import { serverMessagesDeDE } from "../../../components/src/i18n/server-messages.de-DE";
import { serverMessagesEnGB, type ServerMessages } from "../../../components/src/i18n/server-messages.en-GB";

const PREFIX = "operation.";
const CATALOGUES: Readonly<Record<string, ServerMessages>> = { "en-GB": serverMessagesEnGB, "de-DE": serverMessagesDeDE };

type Params = OperationMessage["params"];

/** The message `code` (`CLEAR_CACHES_…`) with its English text filled from `params`. */
export function operationMessage(code: string, params: Params = {}): OperationMessage {
  const template = (serverMessagesEnGB as Record<string, string>)[`${PREFIX}${code}`];
  if (template === undefined) throw new Error(`no English text for operation message ${code}`);
  return { code, params, text: template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) };
}

/** The summary and one line per cache and per listener. */
export function clearCachesMessages(
  caches: readonly ConsumerCacheReport[],
  listeners: ReadonlyArray<{ name: string; restarted: boolean }>,
  durationMs: number,
): { summary: OperationMessage; lines: OperationMessage[] } {
  const entries = caches.reduce((sum, c) => sum + c.entriesCleared, 0);
  const restarted = listeners.filter((l) => l.restarted).length;
  const summary = operationMessage("CLEAR_CACHES_SUMMARY", { caches: caches.length, entries, restarted, listeners: listeners.length, ms: durationMs });
  const lines = [
    ...caches.map((c) => operationMessage("CLEAR_CACHES_CACHE", { name: c.name, count: c.entriesCleared })),
    ...listeners.map((l) => operationMessage(l.restarted ? "CLEAR_CACHES_LISTENER_RESTARTED" : "CLEAR_CACHES_LISTENER_NOT_RESTARTED", { name: l.name })),
  ];
  if (listeners.length === 0) lines.push(operationMessage("CLEAR_CACHES_NO_LISTENERS"));
  return { summary, lines };
}

/** Title, description and message templates in every language the catalogues have (contract SystemOperation.texts). */
export function clearCachesTexts(): Record<string, SystemOperationTexts> {
  return Object.fromEntries(
    Object.entries(CATALOGUES).map(([language, catalogue]) => {
      const messages = Object.fromEntries(
        Object.entries(catalogue).filter(([key]) => key.startsWith(PREFIX)).map(([key, text]) => [key.slice(PREFIX.length), text]),
      );
      return [language, { title: messages.CLEAR_CACHES_TITLE, description: messages.CLEAR_CACHES_DESCRIPTION, messages }];
    }),
  );
}
