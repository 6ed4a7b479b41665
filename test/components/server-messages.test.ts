/**
 * The server-message catalogues are complete: every `extensions.code` the plugin and the host answer with and every `lastError`
 * code of the failure classification has a text in English and German (message and advice), both catalogues have the
 * same keys and placeholders; translateServerMessage picks the language, falls back to English and to the server's text.
 */
import { RELAY_ERROR_CODES } from "../../server/plugin/errors/codes";
import { HOST_TRANSPORT_ERROR_CODES } from "../../server/host/reference/transport-error-codes";
import { CLASSIFICATION_KEYS, classifyFailure, rotationTimedOut, WORKER_CRASHED } from "../../server/plugin/supervisor/failure-classification";
import type { RelaySignal } from "../../server/relay/protocol";
import { PROBE_PROBLEMS } from "../../server/plugin/probe/probe-verdict";
import { PROBE_FAILING } from "../../server/plugin/probe/probe-status";
import { FARM_WARNING_CODES } from "../../server/plugin/farm/farm-warning";
import { TARGET_UNHEALTHY, TARGET_UNHEALTHY_WITHDRAWN, targetError } from "../../server/plugin/health/degraded-status";
import { CHECK_OUTCOME_TEXTS } from "../../server/plugin/health/target-check";
import { REPLAY_PROBLEMS } from "../../server/plugin/journal/replay";
import { STATUS_WEBHOOK_FAILED } from "../../server/plugin/webhook/status-webhook";
import { CATALOGUES, translator } from "../../components/src/i18n";
import { relayErrorText, SERVER_MESSAGE_CATALOGUES, translateServerMessage } from "../../components/src/i18n/server-messages";
import { GraphQLRequestError } from "../../components/src/graphql-client";
import { generalErrorText, mapCheckProblems, mapServerError } from "../../components/src/problems";
import { CONNECTION_STRING_PROBLEM_TEXTS, checkConnectionString } from "../../server/plugin/registrations/connection-string";
import { INPUT_PROBLEM_TEXTS } from "../../server/plugin/registrations/input-problem-texts";
import { clearCachesMessages, clearCachesTexts } from "../../server/plugin/operations/clear-caches-messages";
import { farmMessages } from "../../server/plugin/operations/farm-summary";
import manifest from "../../plugin.json";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** A signal for each classification key, so the test walks the real table rather than a copy of its codes. */
function signalFor(key: string): RelaySignal | undefined {
  const [kind, value] = key.split(":");
  if (kind === "handshake") return { kind: "handshake", status: value === "5xx" ? 503 : Number(value) } as RelaySignal;
  if (kind === "close") return { kind: "close", code: Number(value) } as RelaySignal;
  if (kind === "network") return { kind: "network", code: value === "CERT" ? "CERT_HAS_EXPIRED" : value } as RelaySignal;
  if (kind === "listener") return { kind: "fault" } as RelaySignal;
  return undefined;
}

const ERROR_CODES = [...Object.keys(RELAY_ERROR_CODES), ...Object.keys(HOST_TRANSPORT_ERROR_CODES)];
const LAST_ERROR_CODES = [...new Set([...CLASSIFICATION_KEYS.map((key) => classifyFailure(signalFor(key)).code), WORKER_CRASHED.code, rotationTimedOut(30_000).code, TARGET_UNHEALTHY, TARGET_UNHEALTHY_WITHDRAWN, ...Object.keys(PROBE_PROBLEMS), PROBE_FAILING, ...FARM_WARNING_CODES, ...Object.keys(REPLAY_PROBLEMS), STATUS_WEBHOOK_FAILED])];
/** Every problem code of the connection-string parser and of the add/update inputs, with the server's English. */
const PROBLEM_TEXTS: Record<string, string> = { ...CONNECTION_STRING_PROBLEM_TEXTS, ...INPUT_PROBLEM_TEXTS };
/** Every message code the Clear caches report can carry (walked from the real function), plus its title and description. */
const OPERATION_CODES = [
  ...new Set([
    ...[clearCachesMessages([{ name: "c", entriesCleared: 1 }], [{ name: "a", restarted: true }, { name: "b", restarted: false }], 1), clearCachesMessages([], [], 1)]
      .flatMap(({ summary, lines }) => [summary, ...lines].map((m) => m.code)),
    ...(({ summary, lines }) => [summary, ...lines].map((m) => m.code))(farmMessages({
      hosts: [
        { hostId: "a", caches: [{ name: "c", entriesCleared: 1 }], listeners: [{ registrationId: "r", name: "n", restarted: true }], durationMs: 1, error: null },
        { hostId: "b", caches: [], listeners: [], durationMs: 1, error: { code: "CONFLICT", message: "busy" } },
      ],
      notAnswering: ["c"], deadlineMs: 10_000, durationMs: 2,
    })),
    "CLEAR_CACHES_TITLE",
    "CLEAR_CACHES_DESCRIPTION",
  ]),
];

describe("server-message catalogues", () => {
  it("have a text for every GraphQL error code and every lastError code, in every language", () => {
    const required = [
      ...ERROR_CODES.map((code) => `error.${code}`),
      ...LAST_ERROR_CODES.flatMap((code) => [`relay.${code}.message`, `relay.${code}.advice`]),
      ...Object.keys(PROBLEM_TEXTS).map((code) => `problem.${code}`),
      ...OPERATION_CODES.map((code) => `operation.${code}`),
      ...Object.keys(CHECK_OUTCOME_TEXTS).map((code) => `check.${code}`),
    ];
    expect(LAST_ERROR_CODES.length).toBeGreaterThan(15);
    expect(Object.keys(PROBLEM_TEXTS).length).toBeGreaterThan(80);
    for (const [lang, catalogue] of Object.entries(SERVER_MESSAGE_CATALOGUES)) {
      const missing = required.filter((key) => !(catalogue as Record<string, string>)[key]?.trim());
      expect([lang, missing]).toEqual([lang, []]);
    }
  });

  it("have the same keys and placeholders in German as in English, and none left without a server code", () => {
    const english = SERVER_MESSAGE_CATALOGUES["en-GB"] as Record<string, string>;
    const german = SERVER_MESSAGE_CATALOGUES["de-DE"] as Record<string, string>;
    expect(Object.keys(german).sort()).toEqual(Object.keys(english).sort());
    for (const key of Object.keys(english)) expect([key, placeholders(german[key]!)]).toEqual([key, placeholders(english[key]!)]);
    const known = new Set([
      ...ERROR_CODES.map((c) => `error.${c}`),
      ...LAST_ERROR_CODES.flatMap((c) => [`relay.${c}.message`, `relay.${c}.advice`]),
      ...Object.keys(PROBLEM_TEXTS).map((c) => `problem.${c}`),
      ...OPERATION_CODES.map((c) => `operation.${c}`),
      ...Object.keys(CHECK_OUTCOME_TEXTS).map((c) => `check.${c}`),
    ]);
    expect(Object.keys(english).filter((key) => !known.has(key))).toEqual([]);
  });

  it("say exactly the server's English for every problem code, and the manifest's title and description for the operation", () => {
    const english = SERVER_MESSAGE_CATALOGUES["en-GB"] as Record<string, string>;
    const differing = Object.entries(PROBLEM_TEXTS).filter(([code, text]) => english[`problem.${code}`] !== text);
    expect(differing).toEqual([]);
    expect(Object.entries(CHECK_OUTCOME_TEXTS).filter(([code, text]) => english[`check.${code}`] !== text)).toEqual([]);
    const declared = manifest.contributes.systemOperations[0]!;
    expect([english["operation.CLEAR_CACHES_TITLE"], english["operation.CLEAR_CACHES_DESCRIPTION"]]).toEqual([declared.title, declared.description]);
    expect(clearCachesTexts()["de-DE"]?.title).toBe("Caches der Consumer-Websites leeren");
  });

  it("the tab's own catalogues have the same keys in every language", () => {
    expect(Object.keys(CATALOGUES["de-DE"]).sort()).toEqual(Object.keys(CATALOGUES["en-GB"]).sort());
  });
});

describe("translateServerMessage", () => {
  it("translates by code, fills params, and falls back to the server's text for unknown codes or missing params", () => {
    expect(translateServerMessage("error.FORBIDDEN", undefined, "de-DE")).toBe("Ihre Rolle erlaubt das nicht.");
    expect(translateServerMessage("relay.RELAY_ROTATION_TIMEOUT.message", { seconds: 30 }, "de-DE")).toBe("Der Listener mit dem neuen Schlüssel war nicht innerhalb von 30 s online.");
    expect(translateServerMessage("relay.RELAY_ROTATION_TIMEOUT.message", undefined, "de-DE", "server text")).toBe("server text");
    expect(translateServerMessage("error.SOMETHING_NEW", undefined, "de-DE", "Something new.")).toBe("Something new.");
  });

  it("relayErrorText gives a lastError's message and advice in German, with the rotation timeout's seconds from its params", () => {
    const german = relayErrorText(rotationTimedOut(45_000), "de-DE");
    expect(german.message).toBe("Der Listener mit dem neuen Schlüssel war nicht innerhalb von 45 s online.");
    expect(relayErrorText(classifyFailure({ kind: "handshake", status: 401 } as RelaySignal), "de-DE").advice).toMatch(/^Kopieren Sie die primäre/);
  });

  it("relayErrorText never reads values out of the server's English: without params it shows the English whole", () => {
    const { params: _dropped, ...withoutParams } = rotationTimedOut(45_000);
    expect(relayErrorText(withoutParams, "de-DE").message).toBe("The listener with the new key did not come online within 45 s.");
  });

  it("problems.ts shows server errors in the tab's language (German with the server's detail, English as sent)", () => {
    const de = translator("de-DE");
    const en = translator("en-GB");
    const internal = new GraphQLRequestError("INTERNAL_SERVER_ERROR", "Internal error; see the host log.");
    expect(generalErrorText(internal, de)).toContain("Im Plugin ist ein interner Fehler aufgetreten");
    const conflict = new GraphQLRequestError("CONFLICT", "A registration named shop already exists.", "name");
    expect(mapServerError(conflict, en)).toEqual({ name: ["A registration named shop already exists."] });
    expect(mapServerError(conflict, de)).toEqual({ name: ["Das widerspricht dem aktuellen Stand; laden Sie neu und versuchen Sie es erneut. (A registration named shop already exists.)"] });
  });
});

describe("target health messages", () => {
  it("are shown in German with the target URL, the check's own detail and the count, from the server's params", () => {
    const lastOutcome = { code: "TIMED_OUT" as const, params: { check: "HEAD /", timeout: "5 s" } };
    const health = { state: "unhealthy" as const, since: new Date(), consecutiveFailures: 3, lastDetail: "HEAD / timed out after 5 s", lastOutcome, lastCheckedAt: new Date() };
    const error = targetError({ targetUrl: "http://127.0.0.1:8080/", settings: {} as never, health, withdrawn: false }, false);
    expect(error.params).toEqual({ target: "http://127.0.0.1:8080/", detail: "HEAD / timed out after 5 s", failures: 3, checkOutcome: "TIMED_OUT", check: "HEAD /", timeout: "5 s" });
    expect(relayErrorText(error, "de-DE")).toEqual({
      message: "Der Relay-Listener ist verbunden, aber der lokale Dienst unter http://127.0.0.1:8080/ antwortet nicht (HEAD / hat nach 5 s nicht geantwortet; fehlgeschlagene Prüfungen in Folge: 3).",
      advice: "Starten Sie den Dienst oder korrigieren Sie die Ziel-URL. Aufrufer über das Relay erhalten 502, bis er antwortet.",
    });
    // The English catalogue says exactly what the server says.
    expect(relayErrorText(error, "en-GB")).toEqual({ message: error.message, advice: error.advice });
    const withdrawn = targetError({ targetUrl: "http://127.0.0.1:8080/", settings: {} as never, health, withdrawn: true }, true);
    expect(relayErrorText(withdrawn, "en-GB").message).toBe(withdrawn.message);
  });
});

describe("connection-string and input problems", () => {
  const de = translator("de-DE");
  const en = translator("en-GB");

  it("are shown fully in German from code + params, and in English exactly as the server says them", () => {
    const result = checkConnectionString("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=listen;Colour=blue");
    if (result.ok) throw new Error("expected problems");
    expect(result.problems.map((p) => p.code)).toEqual(["CONNECTION_STRING_UNKNOWN_KEY", "CONNECTION_STRING_KEY_MISSING"]);
    expect(result.problems[1]!.params).toEqual({ field: "SharedAccessKey" });
    expect(mapCheckProblems(result.problems, de)).toEqual({
      connectionString: [
        "Unbekannter Schlüssel 'Colour' — eine Relay-Verbindungszeichenfolge hat Endpoint, SharedAccessKeyName und SharedAccessKey (oder SharedAccessSignature) und optional EntityPath und UseDevelopmentEmulator",
        "SharedAccessKey fehlt — ergänzen Sie den primären Schlüssel der Richtlinie (oder geben Sie statt eines Schlüssels eine SharedAccessSignature an)",
      ],
    });
    expect(mapCheckProblems(result.problems, en)).toEqual({ connectionString: result.problems.map((p) => p.message) });
  });

  it("a refused key rotation names the relay's reason by code: German message and advice, the timeout's seconds filled", () => {
    const refused = new GraphQLRequestError("RELAY_REFUSED", "Not switched; the current listener keeps serving. The relay refused to let this key listen (HTTP 403). …", "connectionString", undefined, { relayErrorCode: "RELAY_FORBIDDEN" });
    expect(mapServerError(refused, de).connectionString?.[0]).toMatch(/^Schlüssel nicht geändert — der bisherige bleibt in Gebrauch\. Das Relay lässt diesen Schlüssel nicht lauschen \(HTTP 403\)\. Dieser Schlüssel hat kein Listen-Recht/);
    const timeout = new GraphQLRequestError("RELAY_REFUSED", "Not switched; …", undefined, undefined, { relayErrorCode: "RELAY_ROTATION_TIMEOUT", seconds: 15 });
    expect(mapServerError(timeout, de).connectionString?.[0]).toContain("nicht innerhalb von 15 s online");
    const unnamed = new GraphQLRequestError("RELAY_REFUSED", "The relay data plane is restarting; try again in a moment.");
    expect(mapServerError(unnamed, en).connectionString?.[0]).toBe("Key not changed — the current key stays in use. The relay data plane is restarting; try again in a moment.");
  });

  it("an input error's problem (extensions.problems) goes to its input, in German", () => {
    const problem = { field: "targetUrl", code: "TARGET_URL_SCHEME", params: { scheme: "ftp:" }, message: "Target URL uses ftp:// — use http:// or https://." };
    const error = new GraphQLRequestError("BAD_USER_INPUT", problem.message, "targetUrl", [problem]);
    expect(mapServerError(error, de)).toEqual({ targetUrl: ["Die Ziel-URL verwendet ftp:// — verwenden Sie http:// oder https://."] });
    expect(mapServerError(error, en)).toEqual({ targetUrl: [problem.message] });
  });
});
