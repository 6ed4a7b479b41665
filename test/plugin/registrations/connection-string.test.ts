import { isRelayPluginError } from "../../../server/plugin/errors";
import {
  ConnectionStringError,
  type ParsedConnectionString,
  checkConnectionString,
  hybridConnectionNameProblem,
  isValidHybridConnectionName,
  parseConnectionString,
} from "../../../server/plugin/registrations/connection-string";
import { CONNECTION_STRING_PROBLEM_TEXTS, fillProblem } from "../../../server/plugin/registrations/connection-string-problem-texts";

/** Two 32-byte keys in Azure's 44-character form (made up). */
const KEY = "q83PU8mPv+Hn0gQy3SW1JjDYr1/gkmAPbC4gRhzSRZs=";
const KEY2 = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=";
const SAS = "SharedAccessSignature sr=http%3A%2F%2Fcontoso.servicebus.windows.net%2Fhc1&sig=abc%2Bdef%3D%3D&se=1900000000&skn=listen";
const HOST = "contoso.servicebus.windows.net";
const PORTAL = `Endpoint=sb://${HOST}/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${KEY}`;
/** The portal string with its Endpoint replaced. */
const withEndpoint = (endpoint: string, extra = "") =>
  `Endpoint=${endpoint};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${KEY}${extra}`;

const azure: ParsedConnectionString = {
  endpoint: `sb://${HOST}/`,
  namespace: HOST,
  secure: true,
  keyName: "RootManageSharedAccessKey",
  key: KEY,
  useDevelopmentEmulator: false,
};
const emulator = (namespace: string): ParsedConnectionString => ({
  ...azure,
  endpoint: `sb://${namespace}/`,
  namespace,
  secure: false,
  useDevelopmentEmulator: true,
});

const valid: Array<[string, string, ParsedConnectionString]> = [
  ["the portal's Primary Connection String", PORTAL, azure],
  ["an entity-level string with EntityPath", `${PORTAL};EntityPath=hc1`, { ...azure, entityPath: "hc1" }],
  ["lower-case keys in another order", `sharedaccesskey=${KEY};ENDPOINT=sb://${HOST}/;sharedAccessKeyName=RootManageSharedAccessKey`, azure],
  ["a trailing ';' and surrounding whitespace", `  \n${PORTAL};\r\n `, azure],
  ["empty ';;' segments", `Endpoint=sb://${HOST}/;;;SharedAccessKeyName=RootManageSharedAccessKey;; ;SharedAccessKey=${KEY};;`, azure],
  ["spaces around keys and '='", `Endpoint = sb://${HOST}/ ; SharedAccessKeyName= RootManageSharedAccessKey ;SharedAccessKey =${KEY}`, azure],
  ["an Endpoint without trailing '/'", withEndpoint(`sb://${HOST}`), azure],
  ["an upper-case scheme and host", withEndpoint(`SB://CONTOSO.ServiceBus.Windows.NET/`), azure],
  ["the default TLS port 443", withEndpoint(`sb://${HOST}:443/`), azure],
  ["a sovereign-cloud host", withEndpoint("sb://ns1.servicebus.chinacloudapi.cn/"), { ...azure, endpoint: "sb://ns1.servicebus.chinacloudapi.cn/", namespace: "ns1.servicebus.chinacloudapi.cn" }],
  ["UseDevelopmentEmulator=false with an Azure host", `${PORTAL};UseDevelopmentEmulator=false`, azure],
  ["the emulator on 127.0.0.1", withEndpoint("sb://127.0.0.1:9351/", ";UseDevelopmentEmulator=true"), emulator("127.0.0.1:9351")],
  ["the emulator on localhost, flag in capitals", withEndpoint("sb://LocalHost:5000", ";USEDEVELOPMENTEMULATOR=TRUE"), emulator("localhost:5000")],
  ["the emulator on [::1]", withEndpoint("sb://[::1]:9351/", ";UseDevelopmentEmulator=True"), emulator("[::1]:9351")],
  ["the emulator anywhere in 127.0.0.0/8", withEndpoint("sb://127.1.2.3:80/", ";UseDevelopmentEmulator=true"), emulator("127.1.2.3:80")],
  ["a SharedAccessSignature with '==' and '&' in the value", `Endpoint=sb://${HOST}/;SharedAccessSignature=${SAS}`,
    { endpoint: `sb://${HOST}/`, namespace: HOST, secure: true, sharedAccessSignature: SAS, useDevelopmentEmulator: false }],
  ["an EntityPath with '/', '.', '_' and '-'", `${PORTAL};EntityPath=team/a.b_c-1`, { ...azure, entityPath: "team/a.b_c-1" }],
  ["an EntityPath of 260 characters", `${PORTAL};EntityPath=${"h".repeat(260)}`, { ...azure, entityPath: "h".repeat(260) }],
  ["a BOM and CRLF from a pasted file", `\uFEFF${PORTAL}\r\n`, azure],
  ["3 000 empty segments", `${";".repeat(3000)}${PORTAL}`, azure],
  ["exactly 4 096 characters", PORTAL + ";".repeat(4096 - PORTAL.length), azure],
];

const invalid: Array<[string, string, string, string]> = [
  // [case, input, field, message fragment]
  ["an empty string", "", "connectionString", "is empty"],
  ["only whitespace", " \t\r\n  ", "connectionString", "is empty"],
  ["only ';'", ";; ;;", "connectionString", "no Key=Value parts"],
  ["a lone '='", "=", "connectionString", "Segment 1 is not Key=Value"],
  ["a 10 kB string", `${PORTAL};EntityPath=${"a".repeat(10_000)}`, "connectionString", "at most 4096 are allowed"],
  ["4 097 characters", PORTAL + ";".repeat(4097 - PORTAL.length), "connectionString", "4097 characters long"],
  ["2 000 segments without '='", "a;".repeat(2000), "connectionString", "Segments 1, 2, 3, 4, 5 and 1995 more are not Key=Value"],
  ["a pasted key on its own", `Endpoint=sb://${HOST}/;SharedAccessKeyName=r;${KEY.slice(0, -1)}`, "connectionString", "Segment 3 is not Key=Value"],
  ["Endpoint twice in different case", `${PORTAL};endpoint=sb://other.servicebus.windows.net/`, "Endpoint", "appears 2 times (as 'Endpoint', 'endpoint'"],
  ["SharedAccessKey twice", `${PORTAL};SharedAccessKey=${KEY2}`, "SharedAccessKey", "appears 2 times — keep exactly one"],
  ["a near-typo key", `${PORTAL.replace("SharedAccessKey=", "SharedAccesKey=")}`, "SharedAccesKey", "did you mean SharedAccessKey?"],
  ["a transposed key", `${PORTAL.replace("Endpoint", "EndPiont")}`, "EndPiont", "did you mean Endpoint?"],
  ["a key with spaces", `${PORTAL};Entity Path=hc1`, "connectionString", "did you mean EntityPath?"],
  ["an unknown key", `${PORTAL};Colour=blue`, "Colour", "Unknown key 'Colour' — a Relay connection string has Endpoint"],
  ["an SDK-only setting", `${PORTAL};OperationTimeout=00:01:00`, "OperationTimeout", "Azure SDK setting this plugin does not use"],
  ["an unknown key repeated", `${"a=1;".repeat(3)}${PORTAL}`, "a", "Unknown key 'a' —"],
  ["many unknown keys", `${PORTAL};a1=1;a2=2;a3=3;a4=4;a5=5;a6=6;a7=7`, "connectionString", "and 2 more unknown keys"],
  ["no Endpoint", `SharedAccessKeyName=r;SharedAccessKey=${KEY}`, "Endpoint", "Endpoint is missing"],
  ["no SharedAccessKey", `Endpoint=sb://${HOST}/;SharedAccessKeyName=r`, "SharedAccessKey", "SharedAccessKey is missing"],
  ["no SharedAccessKeyName", `Endpoint=sb://${HOST}/;SharedAccessKey=${KEY}`, "SharedAccessKeyName", "SharedAccessKeyName is missing"],
  ["an empty SharedAccessKeyName", withEndpoint(`sb://${HOST}/`).replace("=RootManageSharedAccessKey", "="), "SharedAccessKeyName", "has no value — expected the policy name"],
  ["an empty Endpoint", withEndpoint(""), "Endpoint", "Endpoint has no value"],
  ["an https:// Endpoint", withEndpoint(`https://${HOST}/`), "Endpoint", "Endpoint must start with sb:// (not https://) — copy the Primary Connection String from Shared access policies"],
  ["an Endpoint without scheme", withEndpoint(HOST), "Endpoint", "Endpoint must start with sb://"],
  ["a Cyrillic 'а' in the host", withEndpoint("sb://cont\u043eso.servicebus.windows.net/"), "Endpoint", "non-ASCII or blank character (U+043E at position 5)"],
  ["a Cyrillic 'а' as first letter", withEndpoint("sb://\u0430contoso.servicebus.windows.net/"), "Endpoint", "look-alike letters are not allowed"],
  ["an IDN host", withEndpoint("sb://m\u00fcnchen.servicebus.windows.net/"), "Endpoint", "international (IDN) names"],
  ["a punycode host", withEndpoint("sb://xn--mnchen-3ya.servicebus.windows.net/"), "Endpoint", "'xn--'"],
  ["a path after the host", withEndpoint(`sb://${HOST}/hc1`), "Endpoint", "put the hybrid connection name in EntityPath"],
  ["user info in the Endpoint", withEndpoint(`sb://user:pass@${HOST}/`), "Endpoint", "must not contain user info"],
  ["a query in the Endpoint", withEndpoint(`sb://${HOST}/?a=b`), "Endpoint", "must not have a query or fragment"],
  ["a backslash in the Endpoint", withEndpoint(`sb://${HOST}\\`), "Endpoint", "must use '/'"],
  ["no host", withEndpoint("sb://"), "Endpoint", "Endpoint has no host"],
  ["a single-label host", withEndpoint("sb://contoso/"), "Endpoint", "fully qualified namespace host"],
  ["an underscore in the host", withEndpoint("sb://con_toso.servicebus.windows.net/"), "Endpoint", "only letters, digits, '-' and '.'"],
  ["an empty label in the host", withEndpoint("sb://contoso..windows.net/"), "Endpoint", "empty label"],
  ["an IP address", withEndpoint("sb://10.0.0.1/"), "Endpoint", "not an IP address"],
  ["an unbracketed IPv6 address", withEndpoint("sb://fe80::1/"), "Endpoint", "in brackets"],
  ["a loopback host without the emulator flag", withEndpoint("sb://127.0.0.1:9351/"), "Endpoint", "is a loopback address — add UseDevelopmentEmulator=true"],
  ["localhost without the emulator flag", withEndpoint("sb://localhost/"), "Endpoint", "UseDevelopmentEmulator=true to use a local emulator"],
  ["a port other than 443 for Azure", withEndpoint(`sb://${HOST}:5671/`), "Endpoint", "other than 443"],
  ["port 0", withEndpoint("sb://127.0.0.1:0/", ";UseDevelopmentEmulator=true"), "Endpoint", "port must be a number from 1 to 65535"],
  ["a non-numeric port", withEndpoint(`sb://${HOST}:https/`), "Endpoint", "port must be a number"],
  ["the emulator flag with an Azure host", `${PORTAL};UseDevelopmentEmulator=true`, "Endpoint", "must be loopback (127.0.0.1, localhost or [::1])"],
  ["the emulator flag without a port", withEndpoint("sb://127.0.0.1/", ";UseDevelopmentEmulator=true"), "Endpoint", "needs the emulator's port"],
  ["an emulator flag that is not a boolean", `${PORTAL};UseDevelopmentEmulator=yes`, "UseDevelopmentEmulator", "must be true or false"],
  ["a key of the wrong length", PORTAL.replace(KEY, KEY.slice(2)), "SharedAccessKey", "base64 of 32 bytes (44 characters ending in '='), this one has 42"],
  ["a base64url key", PORTAL.replace(KEY, KEY.replace("+", "-")), "SharedAccessKey", "characters outside base64"],
  ["a key name with a space", PORTAL.replace("RootManage", "Root Manage"), "SharedAccessKeyName", "only letters, digits"],
  ["a signature together with a key", `${PORTAL};SharedAccessSignature=${SAS}`, "SharedAccessSignature", "cannot be combined with SharedAccessKeyName/SharedAccessKey"],
  ["a signature without its prefix", `Endpoint=sb://${HOST}/;SharedAccessSignature=sr=a&sig=b==&se=1`, "SharedAccessSignature", "must be a token of the form"],
  ["a signature without sig", `Endpoint=sb://${HOST}/;SharedAccessSignature=${SAS.replace(/&sig=[^&]*/, "")}`, "SharedAccessSignature", "lacks sig"],
  ["a signature with a bare 'sig'", `Endpoint=sb://${HOST}/;SharedAccessSignature=${SAS.replace(/&sig=[^&]*/, "&sig")}`, "SharedAccessSignature", "lacks sig"],
  ["a signature with a non-numeric expiry", `Endpoint=sb://${HOST}/;SharedAccessSignature=${SAS.replace("se=1900000000", "se=soon")}`, "SharedAccessSignature", "whole seconds"],
  ["an EntityPath starting with '.'", `${PORTAL};EntityPath=.hc1`, "EntityPath", "EntityPath must start and end with a letter or digit"],
  ["an EntityPath with a space", `${PORTAL};EntityPath=hc 1`, "EntityPath", "may contain only letters"],
  ["an EntityPath of 261 characters", `${PORTAL};EntityPath=${"h".repeat(261)}`, "EntityPath", "at most 260 characters (this one has 261)"],
  ["NUL in the host", withEndpoint("sb://contoso\u0000.servicebus.windows.net/"), "Endpoint", "control or invisible character (U+0000)"],
  ["NUL in the key", PORTAL.replace(KEY, `${KEY.slice(0, 20)}\u0000${KEY.slice(20)}`), "SharedAccessKey", "(U+0000)"],
  ["a zero-width space in a key name", PORTAL.replace("SharedAccessKeyName", "Shared\u200bAccessKeyName"), "SharedAccessKeyName", "(U+200B)"],
  ["a line break between segments", PORTAL.replace(";SharedAccessKeyName", ";\r\nSharedAccessKeyName"), "SharedAccessKeyName", "(U+000D) — paste it again as one line"],
  ["a tab-only segment", `${PORTAL};\t;`, "connectionString", "(U+0009)"],
  ["a lone surrogate", `${PORTAL};EntityPath=hc\ud800`, "EntityPath", "(U+D800)"],
  ["a right-to-left override", `${PORTAL};EntityPath=\u202e1ch`, "EntityPath", "(U+202E)"],
  ["a string wrapped in quotes", `"${PORTAL}"`, "connectionString", "wrapped in quotes"],
];

describe("parseConnectionString: valid strings", () => {
  test.each(valid)("accepts %s", (_case, input, expected) => {
    expect(parseConnectionString(input)).toEqual(expected);
    expect(checkConnectionString(input)).toEqual({ ok: true, value: expected });
  });
});

const seenCodes = new Set<string>();

describe("parseConnectionString: invalid strings", () => {
  test.each(invalid)("rejects %s", (_case, input, field, fragment) => {
    const result = checkConnectionString(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual(expect.objectContaining({ field, message: expect.stringContaining(fragment) }));
    for (const found of result.problems) {
      // The message is the code's English text filled from params: a client translating code + params says the same.
      expect(found.message).toBe(fillProblem(CONNECTION_STRING_PROBLEM_TEXTS[found.code], found.params));
      expect(found.message).not.toMatch(/\{\w+\}/);
      seenCodes.add(found.code);
    }
    const error = thrownBy(() => parseConnectionString(input));
    expect(error).toBeInstanceOf(ConnectionStringError);
    expect(isRelayPluginError(error)).toBe(true);
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", field: "connectionString", params: { problemCount: result.problems.length }, problems: result.problems });
    for (const secret of [KEY, KEY2, KEY.slice(0, 20), SAS, "sig=abc"]) expect(JSON.stringify(result.problems) + error.message).not.toContain(secret);
  });

  test("the table is at least 40 cases", () => {
    expect(valid.length + invalid.length).toBeGreaterThanOrEqual(40);
  });

  test("an unknown key given several times is reported once", () => {
    const result = checkConnectionString(`${"a=1;".repeat(3)}${PORTAL}`);
    expect(!result.ok && result.problems.filter((p) => p.field === "a")).toHaveLength(1);
  });

  afterAll(() => {
    // The table walks most problem codes (the rest are covered by the fuzz and input-rules tests).
    expect(seenCodes.size).toBeGreaterThanOrEqual(50);
  });

  test("reports every problem, not just the first", () => {
    const result = checkConnectionString(`Endpoint=https://${HOST}/;SharedAccessKey=short;Colour=red;EntityPath=-x`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field).sort()).toEqual(["Colour", "Endpoint", "EntityPath", "SharedAccessKey", "SharedAccessKeyName"]);
  });

  test("a flagged field gets one problem, not a second one about its value", () => {
    const result = checkConnectionString(`${PORTAL};UseDevelopmentEmulator=;EntityPath=hc;entitypath=hc`);
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: "UseDevelopmentEmulator", code: "CONNECTION_STRING_EMULATOR_FLAG_EMPTY", params: { field: "UseDevelopmentEmulator" }, message: "UseDevelopmentEmulator has no value — expected true or false" },
        {
          field: "EntityPath",
          code: "CONNECTION_STRING_DUPLICATE_KEY_SPELLINGS",
          params: { field: "EntityPath", count: 2, spellings: "'EntityPath', 'entitypath'" },
          message: "EntityPath appears 2 times (as 'EntityPath', 'entitypath'; keys are case-insensitive) — keep exactly one",
        },
      ],
    });
  });

  test("the error message summarises all problems; its field is the connection-string input, each problem at its key", () => {
    const error = thrownBy(() => parseConnectionString(`Endpoint=sb://${HOST}/`)) as ConnectionStringError;
    expect(error.name).toBe("ConnectionStringError");
    expect(error.message).toMatch(/^The connection string has 2 problems: SharedAccessKeyName is missing.*; SharedAccessKey is missing/);
    expect(error.field).toBe("connectionString");
    expect(error.problems.map((p) => p.field)).toEqual(["SharedAccessKeyName", "SharedAccessKey"]);
  });

  test("input that is not a string is a ConnectionStringError too", () => {
    for (const odd of [undefined, null, 42, {}, ["Endpoint=sb://a.b/"]]) {
      expect(thrownBy(() => parseConnectionString(odd as unknown as string))).toBeInstanceOf(ConnectionStringError);
    }
  });
});

describe("hybrid connection names", () => {
  test.each(["hc1", "a", "Team/orders.v2_x-1", "9".repeat(260)])("%s is valid", (name) => {
    expect(isValidHybridConnectionName(name)).toBe(true);
    expect(hybridConnectionNameProblem(name)).toBeUndefined();
  });
  test.each([
    ["", "must not be empty"],
    ["x".repeat(261), "at most 260"],
    ["hc-", "start and end with a letter or digit"],
    ["/hc", "start and end with a letter or digit"],
    ["h c", "may contain only"],
    ["h\u0430c", "may contain only"],
  ])("%j is invalid", (name, fragment) => {
    expect(isValidHybridConnectionName(name)).toBe(false);
    expect(hybridConnectionNameProblem(name)).toContain(fragment);
  });
});

function thrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}
