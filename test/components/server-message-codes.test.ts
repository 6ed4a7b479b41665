/**
 * The last English out of the tab's messages: errors about the current state carry a problem code (not-found,
 * superseded changes, secure-registration, Azure Resource Manager, the farm's store), values that are codes themselves
 * (`reasonCode`, `actionCode`) are translated, and numbers are written the language's way. Real server errors go
 * through the real GraphQL error mapping and the real client parsing before the tab's texts read them.
 */
import { toGraphQLError } from "../../server/plugin/graphql/error-mapping";
import { armFailure } from "../../server/plugin/management/relay-management-client";
import { managementAction, stateProblem } from "../../server/plugin/errors/state-problem-texts";
import { inputProblem } from "../../server/plugin/registrations/input-problem-texts";
import { toRequestError } from "../../components/src/graphql-client";
import { generalErrorText, mapServerError } from "../../components/src/problems";
import { translator } from "../../components/src/i18n";
import { relayErrorText, translateServerMessage } from "../../components/src/i18n/server-messages";
import { formatParam, messageText } from "../../server/host/reference/pages/operation-texts";

const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as never;
/** A server error as the tab receives it: mapped to a GraphQL error, serialised, parsed by the client. */
const received = (error: unknown) => toRequestError(JSON.parse(JSON.stringify(toGraphQLError(error, logger).toJSON())));
const de = translator("de-DE");
const en = translator("en-GB");

describe("errors about the current state", () => {
  it("a missing registration is said in German with its id, in English exactly as the server says it", () => {
    const error = received(stateProblem("NOT_FOUND", "REGISTRATION_NOT_FOUND", { id: "r9" }, "id"));
    expect(error.problems).toEqual([{ field: "id", code: "REGISTRATION_NOT_FOUND", params: { id: "r9" }, message: 'No relay registration with id "r9" — list them with relayRegistrations.' }]);
    expect(generalErrorText(error, de)).toBe("Es gibt keine Relay-Registrierung mit der ID „r9“ — relayRegistrations listet sie auf.");
    expect(generalErrorText(error, en)).toBe(error.message);
  });

  it("secure-registration's refusals and a superseded change read wholly in German (no English detail after them)", () => {
    const limited = received(stateProblem("CONFLICT", "SECURE_ALREADY_LIMITED", { keyName: "listen", rights: "Listen" }, "id"));
    expect(mapServerError(limited, de)).toEqual({ form: ["Die Regel listen der Registrierung hat die Rechte Listen, nicht Manage — sie ist bereits eingeschränkt; es ist nichts zu tun."] });
    const superseded = received(stateProblem("CONFLICT", "ROTATION_SUPERSEDED"));
    expect(mapServerError(superseded, de)).toEqual({ form: ["Durch einen neueren Schlüsselwechsel überholt."] });
    const restarting = received(stateProblem("RELAY_REFUSED", "DATA_PLANE_RESTARTING"));
    expect(mapServerError(restarting, de).connectionString?.[0]).toContain("Die Relay-Datenebene startet gerade neu");
    expect(mapServerError(restarting, de).connectionString?.[0]).not.toContain("restarting");
  });

  it("an Azure Resource Manager refusal names what it tried in German (action by code) and keeps ARM's own words", () => {
    const armError = Object.assign(new Error("The client does not have authorization."), { statusCode: 403, code: "AuthorizationFailed" });
    const error = received(armFailure(managementAction("CREATE_LISTEN_RULE", "ecs-core-a-listen"), armError));
    expect(error.message).toBe("Could not create the Listen rule ecs-core-a-listen. Azure Resource Manager answered 403 AuthorizationFailed: The client does not have authorization. — check the management credential and that it has a role such as Contributor on the relay namespace.");
    expect(mapServerError(error, de).connectionString?.[0]).toContain("Das Anlegen der Listen-Regel ecs-core-a-listen ist nicht gelungen. Azure Resource Manager antwortete 403 AuthorizationFailed: The client does not have authorization. — prüfen Sie");
    const unreachable = received(armFailure(managementAction("LIST_HYBRID_CONNECTIONS"), Object.assign(new Error("connect"), { code: "ECONNREFUSED" })));
    expect(generalErrorText(unreachable, de)).toContain("Das Auflisten der Hybridverbindungen ist nicht gelungen. Azure Resource Manager war nicht erreichbar (die Verbindung wurde abgelehnt (ECONNREFUSED)).");
  });

  it("a farm store whose version went back says the versions in German", () => {
    const error = received(stateProblem("FARM_STORE_RESET", "FARM_STORE_VERSION_WENT_BACK", { applied: 12, version: 3 }));
    expect(generalErrorText(error, de)).toContain("Die Konfigurationsversion der Webfarm ist von 12 auf 3 zurückgegangen");
  });
});

describe("values that are codes", () => {
  it("a refused target's reason and a socket error are translated by reasonCode, the raw value the fallback", () => {
    const refused = received(inputProblem("targetUrl", "TARGET_URL_REFUSED", { address: "169.254.169.254", reason: "a link-local address, where cloud metadata services answer", reasonCode: "LINK_LOCAL_ADDRESS", setting: "azure-relay.targetAllow" }));
    expect(mapServerError(refused, de).targetUrl?.[0]).toContain("169.254.169.254 ist eine Link-Local-Adresse, unter der Cloud-Metadatendienste antworten —");
    expect(translateServerMessage("check.FAILED", { check: "HEAD /", reason: "ECONNREFUSED", reasonCode: "ECONNREFUSED" }, "de-DE")).toBe("HEAD / fehlgeschlagen: die Verbindung wurde abgelehnt (ECONNREFUSED)");
    expect(translateServerMessage("check.FAILED", { check: "HEAD /", reason: "EWHATEVER", reasonCode: "EWHATEVER" }, "de-DE")).toBe("HEAD / fehlgeschlagen: EWHATEVER");
    expect(translateServerMessage("check.REFUSED", { check: "GET /", address: "127.0.0.1", reason: "this host's own admin port (8080)", reasonCode: "OWN_ADMIN_PORT", port: 8080, setting: "S" }, "de-DE"))
      .toBe("GET / abgelehnt: 127.0.0.1 ist der eigene Verwaltungs-Port dieses Hosts (8080) — erlauben Sie die Adresse mit S, wenn diese Installation sie braucht");
  });

  it("a target health lastError's nested reason reads in German", () => {
    const lastError = { code: "TARGET_UNHEALTHY", message: "…", advice: "…", params: { target: "http://127.0.0.1:8080/", detail: "HEAD / failed: ECONNREFUSED", failures: 3, checkOutcome: "FAILED", check: "HEAD /", reason: "ECONNREFUSED", reasonCode: "ECONNREFUSED" } };
    expect(relayErrorText(lastError, "de-DE").message).toContain("(HEAD / fehlgeschlagen: die Verbindung wurde abgelehnt (ECONNREFUSED); fehlgeschlagene Prüfungen in Folge: 3)");
  });
});

describe("numbers in translated texts", () => {
  it("are written the language's way in server messages and the tab's own texts; ports and statuses stay as sent", () => {
    expect(translateServerMessage("relay.RELAY_ROTATION_TIMEOUT.message", { seconds: 12.5 }, "de-DE")).toBe("Der Listener mit dem neuen Schlüssel war nicht innerhalb von 12,5 s online.");
    expect(translateServerMessage("relay.RELAY_ROTATION_TIMEOUT.message", { seconds: 12.5 }, "en-GB")).toBe("The listener with the new key did not come online within 12.5 s.");
    expect(translateServerMessage("operation.CLEAR_CACHES_CACHE", { name: "c", count: 12345 }, "de-DE")).toBe("Cache c: 12.345 Einträge geleert");
    expect(translateServerMessage("reason.OWN_ADMIN_PORT", { port: 18080 }, "de-DE")).toBe("der eigene Verwaltungs-Port dieses Hosts (18080)");
    expect(de("trafficRequests", { count: 12345 })).toBe("Anfragen: 12.345");
    expect(en("trafficRequests", { count: 12345 })).toBe("Requests: 12,345");
  });

  it("the host page fills an operation's German template with German numbers", () => {
    expect(formatParam("ms", 1.5, "de-DE")).toBe("1,5");
    expect(formatParam("port", 65535, "de-DE")).toBe("65535");
    const texts = { messages: { SUMMARY: "{count} Einträge in {ms} ms" } };
    expect(messageText({ code: "SUMMARY", params: { count: 10000, ms: 2.25 }, text: "10000 entries in 2.25 ms" }, texts, "de-DE")).toBe("10.000 Einträge in 2,25 ms");
    expect(messageText({ code: "OTHER", params: { ms: 2.25 }, text: "as sent: 2.25 ms" }, texts, "de-DE")).toBe("as sent: 2.25 ms");
  });
});
