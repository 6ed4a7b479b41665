/**
 * A problem the operations API returns inside a result (a probe's or a replay's `problem`: { code, message, advice,
 * params? }) in the tab's language, through the server-message catalogues: `relay.<CODE>.message` / `.advice` first
 * (the listener's codes), then `error.<CODE>` (GraphQL error codes), else the server's English text. Pure TS.
 */
import type { Translate } from "../i18n";
import { translateServerMessage, type ServerMessageParams } from "../i18n/server-messages";
import type { ServerProblem } from "./detail-types";

function paramsOf(problem: ServerProblem): ServerMessageParams | undefined {
  const p = problem.params;
  if (!p || typeof p !== "object") return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(p as Record<string, unknown>)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") out[key] = value;
  }
  return out;
}

export function problemText(problem: ServerProblem, t: Translate): { message: string; advice: string } {
  const lang = t.language ?? "en-GB";
  const params = paramsOf(problem);
  const relayMessage = translateServerMessage(`relay.${problem.code}.message`, params, lang, "");
  const message = relayMessage || translateServerMessage(`error.${problem.code}`, params, lang, problem.message);
  const advice = translateServerMessage(`relay.${problem.code}.advice`, params, lang, problem.advice);
  return { message, advice };
}
