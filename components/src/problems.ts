/**
 * Where each message goes in a form. Connection-string problems name a key of the string (`Endpoint`,
 * `SharedAccessKey`, …) or `connectionString` for the whole: they are all shown under the connection-string
 * field, each labelled with the part it is about. Server errors name an input through `extensions.field`.
 * Pure TS, tested with jest.
 */
import { GraphQLRequestError, type WireProblem } from "./graphql-client";
import type { Translate } from "./i18n";
import type { MessageKey } from "./i18n/en-GB";
import { problemMessageText, relayErrorText, translateServerMessage } from "./i18n/server-messages";

/** The inputs of the add and edit dialogs, plus `form` for messages that belong to no single input. */
export type FormField = "connectionString" | "name" | "hybridConnectionName" | "targetUrl" | "enabled" | "form";

export type FieldErrors = Partial<Record<FormField, string[]>>;

const FORM_FIELDS: readonly FormField[] = ["connectionString", "name", "hybridConnectionName", "targetUrl", "enabled"];

const PART_KEYS: Readonly<Record<string, MessageKey>> = {
  endpoint: "partEndpoint",
  sharedaccesskeyname: "partSharedAccessKeyName",
  sharedaccesskey: "partSharedAccessKey",
  sharedaccesssignature: "partSharedAccessSignature",
  entitypath: "partEntityPath",
  usedevelopmentemulator: "partUseDevelopmentEmulator",
  connectionstring: "partWhole",
};

/** The part's name in the user's language; an unknown key (e.g. a typo the server reports) as written. */
export function partLabel(field: string, t: Translate): string {
  const key = PART_KEYS[field.toLowerCase()];
  return key ? t(key) : field;
}

/**
 * One problem in the tab's language (from its code and params; the server's English when it sent no code), prefixed
 * with its part unless it concerns the whole string or an input, or the text already names the key.
 */
export function problemText(problem: WireProblem, t: Translate): string {
  const message = problemMessageText(problem, t.language ?? "en-GB");
  const field = problem.field.toLowerCase();
  if (field === "connectionstring" || FORM_FIELDS.some((f) => f.toLowerCase() === field) || message.toLowerCase().includes(field)) return message;
  return t("problemAt", { part: partLabel(problem.field, t), message });
}

/** Problems of `checkRelayConnectionString` (or a connection-string error): every one under the connection-string field, in server order. */
export function mapCheckProblems(problems: readonly WireProblem[], t: Translate): FieldErrors {
  return problems.length ? { connectionString: problems.map((p) => problemText(p, t)) } : {};
}

/** A connection string's problems all under its field; an input error's problem at its input (`targetUrl` …). */
function mapProblems(error: GraphQLRequestError, problems: readonly WireProblem[], t: Translate): FieldErrors {
  if (error.field === "connectionString") return mapCheckProblems(problems, t);
  const errors: FieldErrors = {};
  for (const problem of problems) (errors[asFormField(problem.field)] ??= []).push(problemText(problem, t));
  return errors;
}

function asFormField(field: string | undefined): FormField {
  return FORM_FIELDS.find((f) => f === field) ?? (field && PART_KEYS[field.toLowerCase()] ? "connectionString" : "form");
}

/** A failed mutation's message at its input; `form` for anything not about one input. */
export function mapServerError(error: unknown, t: Translate): FieldErrors {
  if (!(error instanceof GraphQLRequestError)) return { form: [t("errorGeneric", { message: String(error) })] };
  switch (error.code) {
    case "BAD_USER_INPUT":
    case "CONFLICT":
      if (error.problems?.length) return mapProblems(error, error.problems, t);
      return { [asFormField(error.field)]: [serverErrorText(error, t)] };
    case "RELAY_REFUSED":
      return { connectionString: [t("relayRefused", { message: refusalText(error, t) })] };
    default:
      return { form: [generalErrorText(error, t)] };
  }
}

/**
 * Why the relay refused a change: the listener error it names (`params.relayErrorCode`, a lastError code, with its
 * params) in the tab's language, message and advice; the server's English when it names none.
 */
function refusalText(error: GraphQLRequestError, t: Translate): string {
  const code = error.params?.relayErrorCode;
  if (typeof code !== "string") return error.message;
  const { message, advice } = relayErrorText({ code, message: error.message, advice: "", params: error.params }, t.language ?? "en-GB");
  return advice ? `${message} ${advice}` : message;
}

/** Words for errors that concern the whole action (session, permission, network). */
export function generalErrorText(error: unknown, t: Translate): string {
  if (!(error instanceof GraphQLRequestError)) return t("errorGeneric", { message: String(error) });
  switch (error.code) {
    case "UNAUTHENTICATED":
      return t("errorUnauthenticated");
    case "FORBIDDEN":
      return t("errorForbidden");
    case "NOT_FOUND":
      return t("errorNotFound");
    case "NETWORK":
      return t("errorNetwork");
    default:
      return t("errorGeneric", { message: serverErrorText(error, t) });
  }
}

/**
 * A server error's message in the tab's language: the catalogue's text for its code (`extensions.code`, filled from
 * `extensions.params`). Where the server's English message is more specific than the code's text (an input's
 * problem, a conflict), English keeps it as is and other languages show it after the translated text.
 */
export function serverErrorText(error: GraphQLRequestError, t: Translate): string {
  const language = t.language ?? "en-GB";
  const specific = error.code === "BAD_USER_INPUT" || error.code === "CONFLICT";
  if (specific && language === "en-GB") return error.message;
  const translated = translateServerMessage(`error.${error.code}`, error.params, language, error.message);
  return specific && translated !== error.message ? `${translated} (${error.message})` : translated;
}

/**
 * Does the text look like a connection string at all (an `Endpoint=` part)? Text that does not (a key alone,
 * a URL, the wrong clipboard) gets one message instead of the parser's list of every missing part.
 */
export function looksLikeConnectionString(text: string): boolean {
  return /(^|;)\s*endpoint\s*=/i.test(text);
}

/** Is there anything to show? */
export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((list) => (list?.length ?? 0) > 0);
}
