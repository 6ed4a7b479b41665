import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GraphQLError } from "graphql";
import semver from "semver";
import { HOST_CONTRACT_VERSION, HostError, type Logger } from "../../../server/host/contract";
import * as errors from "../../../server/plugin/errors";
import { RELAY_ERROR_BRAND, RelayPluginError, badInput, isRelayPluginError } from "../../../server/plugin/errors";
import { toGraphQLError } from "../../../server/plugin/graphql/error-mapping";
import { ConnectionStringError } from "../../../server/plugin/registrations/connection-string";
import { parseForInput } from "../../../server/plugin/registrations/registration-connection-string";

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

/** A second, separately loaded copy of the errors module: what a host bundling its own copy would hold. */
function secondCopy(): typeof errors {
  let copy: typeof errors | undefined;
  jest.isolateModules(() => {
    copy = jest.requireActual<typeof errors>("../../../server/plugin/errors");
  });
  return copy!;
}

describe("the plugin's error family", () => {
  test("carries code, field, params and cause", () => {
    const cause = new Error("socket hang up");
    const error = new RelayPluginError("RELAY_REFUSED", "Azure refused", "connectionString", { params: { status: 401 }, cause });
    expect(error).toMatchObject({ code: "RELAY_REFUSED", field: "connectionString", params: { status: 401 }, cause, name: "RelayPluginError" });
    expect(error[RELAY_ERROR_BRAND]).toBe(true);
    expect(badInput("targetUrl", "wrong", { limit: 3 })).toMatchObject({ code: "BAD_USER_INPUT", field: "targetUrl", params: { limit: 3 } });
  });

  test("an error made by a second copy of the class is recognised by the brand, not instanceof", () => {
    const copy = secondCopy();
    expect(copy.RelayPluginError).not.toBe(RelayPluginError);
    const foreign = new copy.RelayPluginError("NOT_FOUND", "No relay registration with id \"r9\"", "id", { params: { id: "r9" } });
    expect(foreign).not.toBeInstanceOf(RelayPluginError);
    expect(isRelayPluginError(foreign)).toBe(true);
    expect(copy.isRelayPluginError(new RelayPluginError("CONFLICT", "clash"))).toBe(true);
    const mapped = toGraphQLError(foreign, silent);
    expect(mapped.message).toBe("No relay registration with id \"r9\"");
    expect(mapped.extensions).toEqual({ code: "NOT_FOUND", field: "id", params: { id: "r9" } });
  });

  test("look-alikes without the brand are not members", () => {
    const lookalike = Object.assign(new Error("x"), { name: "RelayPluginError", code: "BAD_USER_INPUT" });
    expect(isRelayPluginError(lookalike)).toBe(false);
    expect(isRelayPluginError({ [Symbol("ecs-core.azure-relay.error")]: true, code: "X" })).toBe(false);
    expect(isRelayPluginError(null)).toBe(false);
    expect(isRelayPluginError("BAD_USER_INPUT")).toBe(false);
    // Unbranded errors are internal errors: their text never reaches the client.
    expect(toGraphQLError(lookalike, silent).extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
  });

  test("the host's own HostError still passes through with its code", () => {
    expect(toGraphQLError(new HostError("FORBIDDEN", "no"), silent).extensions).toEqual({ code: "FORBIDDEN" });
    const graphqlError = new GraphQLError("as is", { extensions: { code: "UNAUTHENTICATED" } });
    expect(toGraphQLError(graphqlError, silent)).toBe(graphqlError);
  });
});

describe("the connection string parser's error", () => {
  const bad = "Endpoint=https://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey";

  test("reaches the API as thrown, not wrapped a second time", () => {
    let thrown: unknown;
    try {
      parseForInput(bad);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConnectionStringError);
    expect((thrown as Error).cause).toBeUndefined();
    const problems = (thrown as ConnectionStringError).problems;
    expect(problems.length).toBeGreaterThan(1);
    expect(toGraphQLError(thrown, silent).extensions).toEqual({ code: "BAD_USER_INPUT", field: "connectionString", params: { problemCount: problems.length }, problems });
  });
});

describe("host contract", () => {
  test("RELAY_REFUSED is the plugin's own code: not in the host contract (2.0.0), still in the plugin's list", () => {
    const contract = readFileSync(join(__dirname, "../../../server/host/contract.ts"), "utf8");
    const hostCodes = /export type ErrorCode =([^;]+);/.exec(contract)![1];
    expect(hostCodes).not.toContain("RELAY_REFUSED");
    expect(Object.keys(errors.RELAY_ERROR_CODES)).toContain("RELAY_REFUSED");
    expect(HOST_CONTRACT_VERSION).toBe("2.2.0"); // 2.1.0: farm, health and metrics services; 2.2.0: farm requests, events and condition, system operations' texts and messages by code, histogram metric families, log (additive)
    const manifest = JSON.parse(readFileSync(join(__dirname, "../../../plugin.json"), "utf8")) as { host: { contract: string } };
    expect(semver.satisfies(HOST_CONTRACT_VERSION, manifest.host.contract)).toBe(true);
    expect(semver.satisfies("1.1.0", manifest.host.contract)).toBe(false);
  });
});
