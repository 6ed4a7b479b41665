import { accessSummary, azureWarnings, credentialKindLabel, listenerCountText, rightsText, secureErrorText, sourceHint, UNKNOWN } from "../../components/src/azure/azure-format";
import { CREDENTIAL_KINDS, type Relay, type RelayManagementAccess } from "../../components/src/azure/azure-api";
import { GraphQLRequestError } from "../../components/src/graphql-client";
import { translator } from "../../components/src/i18n";

const en = translator("en-GB");
const de = translator("de-DE");
const NS = "contoso.servicebus.windows.net";

function relay(over: Partial<Relay> = {}): Relay {
  return {
    id: `${NS}/ecs-core`, name: "ecs-core", namespace: NS, source: "AZURE", existsInAzure: true, listenerCount: 1, ourListenersOnline: 1,
    halfOpenSuspected: false, halfOpenAdvice: null, foreignListenersSuspected: false, foreignListenersAdvice: null, managementError: null, ...over,
  };
}

describe("listenerCountText", () => {
  it("shows Azure's count, localised", () => {
    expect(listenerCountText(relay({ listenerCount: 0 }), "en-GB")).toBe("0");
    expect(listenerCountText(relay({ listenerCount: 1200 }), "de-DE")).toBe("1.200");
  });
  it("shows a dash when Azure did not say or there is no relay", () => {
    expect(listenerCountText(relay({ listenerCount: null, source: "REGISTRATIONS" }), "en-GB")).toBe(UNKNOWN);
    expect(listenerCountText(null, "en-GB")).toBe("—");
    expect(listenerCountText(undefined, "en-GB")).toBe("—");
  });
});

describe("sourceHint", () => {
  it("is silent for Azure's own numbers of an existing hybrid connection", () => {
    expect(sourceHint(relay(), NS, en)).toBeNull();
  });
  it("says when the numbers come from our registrations alone, naming the namespace", () => {
    expect(sourceHint(relay({ source: "REGISTRATIONS", listenerCount: null }), NS, en)).toContain(`management access for ${NS}`);
    expect(sourceHint(relay({ source: "REGISTRATIONS", listenerCount: null }), NS, de)).toContain(`Verwaltungszugriff für ${NS}`);
  });
  it("says Azure could not be asked when there is a management error", () => {
    expect(sourceHint(relay({ source: "REGISTRATIONS", managementError: "ARM 403" }), NS, en)).toMatch(/could not be asked/);
  });
  it("says when Azure has no such hybrid connection, and when there is no view yet", () => {
    expect(sourceHint(relay({ existsInAzure: false }), NS, en)).toBe("Azure has no hybrid connection ecs-core.");
    expect(sourceHint(null, NS, en)).toMatch(/not available/);
  });
});

describe("azureWarnings", () => {
  it("none for a healthy relay", () => expect(azureWarnings(relay(), en)).toEqual([]));
  it("gives each suspicion in words with its advice, then Azure's error", () => {
    const warnings = azureWarnings(
      relay({ halfOpenSuspected: true, halfOpenAdvice: "Restart the listener.", foreignListenersSuspected: true, foreignListenersAdvice: "Regenerate.", managementError: "ARM unreachable" }),
      en,
    );
    expect(warnings).toEqual([
      { kind: "halfOpen", title: "Warning: half-open connection suspected", text: "Restart the listener." },
      { kind: "foreign", title: "Warning: foreign listeners suspected", text: "Regenerate." },
      { kind: "managementError", title: "Azure could not be asked", text: "ARM unreachable" },
    ]);
    expect(azureWarnings(relay({ halfOpenSuspected: true }), de)[0].title).toBe("Warnung: vermutlich halb offene Verbindung");
  });
  it("none without a relay", () => expect(azureWarnings(undefined, en)).toEqual([]));
});

describe("rightsText and credentialKindLabel", () => {
  it("joins rights, null when unknown", () => {
    expect(rightsText(["Listen", "Send", "Manage"])).toBe("Listen, Send, Manage");
    expect(rightsText(null)).toBeNull();
    expect(rightsText([])).toBeNull();
  });
  it("labels every kind in both languages; the static token says it is for tests", () => {
    for (const kind of CREDENTIAL_KINDS) expect(credentialKindLabel(kind, de)).toMatch(/\w/);
    expect(credentialKindLabel("STATIC_TOKEN", en)).toBe("Static token (tests and emulator only)");
  });
});

describe("accessSummary", () => {
  const access: RelayManagementAccess = {
    namespace: NS, subscriptionId: "sub-1", resourceGroup: "rg", namespaceName: "contoso", endpoint: "https://127.0.0.1:8443", trustsCustomCa: true,
    credentialKind: "STATIC_TOKEN", tenantId: null, clientId: null, secretFingerprint: "sha256:abcd", updatedAt: "2026-11-28T12:00:00Z", updatedBy: "admin",
  };
  it("lists coordinates, endpoint, credential and only the secret's fingerprint", () => {
    expect(accessSummary(access, en)).toEqual([
      "Subscription sub-1 · resource group rg · namespace contoso",
      "Endpoint https://127.0.0.1:8443 · custom CA trusted",
      "Credential: Static token (tests and emulator only)",
      "Secret stored (fingerprint sha256:abcd)",
    ]);
  });
  it("has no secret line without one", () => {
    expect(accessSummary({ ...access, credentialKind: "ENVIRONMENT", secretFingerprint: null, trustsCustomCa: false }, en)).toHaveLength(3);
  });
});

describe("secureErrorText", () => {
  it("keeps the server's explanation of a refusal", () => {
    expect(secureErrorText(new GraphQLRequestError("CONFLICT", "already limited; nothing to do."), en)).toBe("The registration was not secured: already limited; nothing to do.");
  });
  it("words session and network problems as the rest of the tab does", () => {
    expect(secureErrorText(new GraphQLRequestError("NETWORK", "x"), en)).toMatch(/could not be reached/);
    expect(secureErrorText(new GraphQLRequestError("FORBIDDEN", "x"), en)).toMatch(/not allowed/);
  });
});
