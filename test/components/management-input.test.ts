import { accessFieldOf, asKind, mapAccessError, toAccessInput } from "../../components/src/azure/management-input";
import { GraphQLRequestError } from "../../components/src/graphql-client";
import { translator } from "../../components/src/i18n";

const en = translator("en-GB");
const NS = "contoso.servicebus.windows.net";
const COORDS = { subscriptionId: " sub-1 ", resourceGroup: "rg", namespaceName: "contoso" };

describe("toAccessInput", () => {
  it("sends the SDL's shape, trimmed, leaving out blank optionals", () => {
    expect(toAccessInput(NS, { ...COORDS, endpoint: " ", caCertificate: "", kind: "ENVIRONMENT" })).toEqual({
      namespace: NS, subscriptionId: "sub-1", resourceGroup: "rg", namespaceName: "contoso", credential: { kind: "ENVIRONMENT" },
    });
  });
  it("sends endpoint and CA when given", () => {
    const input = toAccessInput(NS, { ...COORDS, endpoint: "https://127.0.0.1:9443", caCertificate: "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n", kind: "STATIC_TOKEN", token: "t0k" });
    expect(input.endpoint).toBe("https://127.0.0.1:9443");
    expect(input.caCertificate).toBe("-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----");
    expect(input.credential).toEqual({ kind: "STATIC_TOKEN", token: "t0k" });
  });
  it("sends only the fields the kind needs, even if others were typed", () => {
    const values = { ...COORDS, tenantId: "ten", clientId: "cli", clientSecret: "s3cret", token: "tok" };
    expect(toAccessInput(NS, { ...values, kind: "CLIENT_SECRET" }).credential).toEqual({ kind: "CLIENT_SECRET", tenantId: "ten", clientId: "cli", clientSecret: "s3cret" });
    expect(toAccessInput(NS, { ...values, kind: "MANAGED_IDENTITY" }).credential).toEqual({ kind: "MANAGED_IDENTITY", clientId: "cli" });
    expect(toAccessInput(NS, { ...values, kind: "ENVIRONMENT" }).credential).toEqual({ kind: "ENVIRONMENT" });
  });
  it("sends required credential fields blank (the server names them), but not a managed identity's optional client id", () => {
    expect(toAccessInput(NS, { ...COORDS, kind: "CLIENT_SECRET" }).credential).toEqual({ kind: "CLIENT_SECRET", tenantId: "", clientId: "", clientSecret: "" });
    expect(toAccessInput(NS, { ...COORDS, kind: "MANAGED_IDENTITY", clientId: " " }).credential).toEqual({ kind: "MANAGED_IDENTITY" });
  });
  it("falls back to ENVIRONMENT for an unknown kind", () => {
    expect(asKind("nonsense")).toBe("ENVIRONMENT");
    expect(asKind("STATIC_TOKEN")).toBe("STATIC_TOKEN");
  });
});

describe("server errors at their inputs", () => {
  it.each([
    ["credential.tenantId", "tenantId"],
    ["credential.clientSecret", "clientSecret"],
    ["credential.token", "token"],
    ["credential", "kind"],
    ["subscriptionId", "subscriptionId"],
    ["caCertificate", "caCertificate"],
    ["endpoint", "endpoint"],
    ["namespace", "form"],
    [undefined, "form"],
  ])("%p → %p", (field, input) => expect(accessFieldOf(field)).toBe(input));

  it("puts an input error at its field and anything else on the form", () => {
    expect(mapAccessError(new GraphQLRequestError("BAD_USER_INPUT", "Tenant id is required", "credential.tenantId"), en)).toEqual({ tenantId: ["Tenant id is required"] });
    expect(mapAccessError(new GraphQLRequestError("FORBIDDEN", "no"), en)).toEqual({ form: ["You are not allowed to do this — ask an administrator."] });
    expect(mapAccessError(new Error("boom"), en).form?.[0]).toMatch(/boom/);
  });

  it("shows a problem with a code in the tab's language (extensions.problems from the server)", () => {
    const problem = { field: "credential.tenantId", code: "MANAGEMENT_TENANT_ID_REQUIRED", params: {}, message: "Tenant id is required for this credential kind." };
    const error = new GraphQLRequestError("BAD_USER_INPUT", problem.message, problem.field, [problem]);
    expect(mapAccessError(error, translator("de-DE"))).toEqual({ tenantId: ["Für diese Art von Anmeldedaten ist die Mandanten-ID erforderlich."] });
    expect(mapAccessError(error, en)).toEqual({ tenantId: [problem.message] });
  });
});
