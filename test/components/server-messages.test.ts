/**
 * The server-message catalogues are complete: every `extensions.code` the plugin and the host answer with and every `lastError`
 * code of the failure classification has a text in English and German (message and advice), both catalogues have the
 * same keys and placeholders; translateServerMessage picks the language, falls back to English and to the server's text.
 */
import { RELAY_ERROR_CODES } from "../../server/plugin/errors/codes";
import { HOST_TRANSPORT_ERROR_CODES } from "../../server/host/reference/transport-error-codes";
import { CLASSIFICATION_KEYS, classifyFailure, rotationTimedOut, WORKER_CRASHED } from "../../server/plugin/supervisor/failure-classification";
import type { RelaySignal } from "../../server/relay/protocol";
import { TARGET_UNHEALTHY, TARGET_UNHEALTHY_WITHDRAWN } from "../../server/plugin/health/degraded-status";
import { PROBE_PROBLEMS } from "../../server/plugin/probe/probe-verdict";
import { PROBE_FAILING } from "../../server/plugin/probe/probe-status";
import { FARM_WARNING_CODES } from "../../server/plugin/farm/farm-warning";
import { CATALOGUES, translator } from "../../components/src/i18n";
import { relayErrorText, SERVER_MESSAGE_CATALOGUES, translateServerMessage } from "../../components/src/i18n/server-messages";
import { GraphQLRequestError } from "../../components/src/graphql-client";
import { generalErrorText, mapServerError } from "../../components/src/problems";

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
const LAST_ERROR_CODES = [...new Set([...CLASSIFICATION_KEYS.map((key) => classifyFailure(signalFor(key)).code), WORKER_CRASHED.code, rotationTimedOut(30_000).code, TARGET_UNHEALTHY, TARGET_UNHEALTHY_WITHDRAWN, ...Object.keys(PROBE_PROBLEMS), PROBE_FAILING, ...FARM_WARNING_CODES])];

describe("server-message catalogues", () => {
  it("have a text for every GraphQL error code and every lastError code, in every language", () => {
    const required = [...ERROR_CODES.map((code) => `error.${code}`), ...LAST_ERROR_CODES.flatMap((code) => [`relay.${code}.message`, `relay.${code}.advice`])];
    expect(LAST_ERROR_CODES.length).toBeGreaterThan(15);
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
    const known = new Set([...ERROR_CODES.map((c) => `error.${c}`), ...LAST_ERROR_CODES.flatMap((c) => [`relay.${c}.message`, `relay.${c}.advice`])]);
    expect(Object.keys(english).filter((key) => !known.has(key))).toEqual([]);
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

  it("relayErrorText gives a lastError's message and advice in German, with the rotation timeout's seconds", () => {
    const german = relayErrorText(rotationTimedOut(45_000), "de-DE");
    expect(german.message).toBe("Der Listener mit dem neuen Schlüssel war nicht innerhalb von 45 s online.");
    expect(relayErrorText(classifyFailure({ kind: "handshake", status: 401 } as RelaySignal), "de-DE").advice).toMatch(/^Kopieren Sie die primäre/);
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
  it("are shown in German with the target URL and the check's own detail", () => {
    const error = {
      code: "TARGET_UNHEALTHY",
      message: "The relay listener is connected, but the local service at http://127.0.0.1:8080/ does not answer (HEAD / timed out after 5 s, 3 times).",
      advice: "Start the service or fix the target URL. Callers through the relay get 502 until it answers.",
    };
    expect(relayErrorText(error, "de-DE")).toEqual({
      message: "Der Relay-Listener ist verbunden, aber der lokale Dienst unter http://127.0.0.1:8080/ antwortet nicht (HEAD / timed out after 5 s, 3 times).",
      advice: "Starten Sie den Dienst oder korrigieren Sie die Ziel-URL. Aufrufer über das Relay erhalten 502, bis er antwortet.",
    });
    expect(relayErrorText(error, "en-GB")).toEqual({ message: error.message, advice: error.advice });
  });
});
