/**
 * Input rules of a registration (docs/security/input-rules.md), table-driven: hybrid connection names, display names,
 * and target URLs against the deny list (with an injected resolver: real rules, no DNS needed).
 */
import type { LookupAddress } from "node:dns";
import type { RelayPluginError } from "../../../server/plugin/errors";
import { TargetGuard } from "../../../server/relay/target-guard";
import { parseAllowList } from "../../../server/relay/target-rules";
import { checkConnectionString } from "../../../server/plugin/registrations/connection-string";
import { checkDisplayName } from "../../../server/plugin/registrations/display-name";
import { hybridConnectionKey, hybridConnectionNameProblem } from "../../../server/plugin/registrations/hybrid-connection-name";
import { registrationIdentity } from "../../../server/plugin/registrations/registration";
import { assertTargetAllowed, validHybridConnectionName, validName, validTargetUrl } from "../../../server/plugin/registrations/registration-input";

const KEY = "q3W6n4Jm0Vr9YtB2xK8pLs5dHf1Ce7Ga/Zu+Ni0Ro4M=";
const PORTAL = `Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=Listen;SharedAccessKey=${KEY}`;

function thrown(run: () => unknown): RelayPluginError {
  try {
    run();
  } catch (error) {
    return error as RelayPluginError;
  }
  throw new Error("did not throw");
}

describe("hybrid connection names", () => {
  test.each(["ecs-core", "a", "Team/orders.v2_x-1", "a/b/c", "v1.2/x", "9".repeat(260), "a/.b/c", "a..b"])("%s is valid", (name) => {
    expect(hybridConnectionNameProblem(name)).toBeUndefined();
    expect(validHybridConnectionName(`  ${name} `)).toBe(name);
  });

  test.each([
    ["zz/../ecs-core", "must not have a '..' part — dot segments are path navigation, not names (e.g. ecs-core or team/orders)"],
    ["a/./b", "must not have a '.' part"],
    ["a/.../b", "must not have a '...' part"],
    ["a//b", "must not contain '//'"],
    ["a/", "start and end with a letter or digit"],
    ["../ecs-core", "start and end with a letter or digit"],
    ["ecs-core/..", "start and end with a letter or digit"],
    ["a\\..\\b", "found U+005C at position 2"],
    ["a%2f..%2fb", "found U+0025"],
    ["ecs core", "found U+0020"],
    ["", "must not be empty"],
    ["\uFEFFecs-core", "found U+FEFF at position 1"],
    ["x".repeat(261), "at most 260 characters (this one has 261)"],
  ])("%j is refused: %s", (name, fragment) => {
    expect(hybridConnectionNameProblem(name)).toContain(fragment);
    const error = thrown(() => validHybridConnectionName(name));
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", field: "hybridConnectionName" });
    expect(error.message).toBe(`Hybrid connection name ${hybridConnectionNameProblem(name)}.`);
  });

  test("the same rule applies to the connection string's EntityPath", () => {
    const result = checkConnectionString(`${PORTAL};EntityPath=zz/../ecs-core`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ field: "EntityPath", code: "ENTITY_PATH_DOT_SEGMENT", params: { segment: ".." }, message: expect.stringContaining("EntityPath must not have a '..' part") }]);
  });

  test("names compare without case (Azure entity names are case-insensitive)", () => {
    expect(hybridConnectionKey("ECS-Core/Orders")).toBe("ecs-core/orders");
    expect(registrationIdentity("ns.servicebus.windows.net", "ECS-CORE")).toBe(registrationIdentity("NS.servicebus.windows.net", "ecs-core"));
  });
});

describe("display names", () => {
  test.each([
    ["Grüße aus Köln", "Grüße aus Köln"],
    ["生产环境 ECS", "生产环境 ECS"],
    ["Производство", "Производство"],
    ["עברית", "עברית"],
    ["Café ☕ — prod #1", "Café ☕ — prod #1"],
    ["  padded  ", "padded"],
    ["\u3000wide\u00A0", "wide"],
    ["Cafe\u0301", "Café"], // NFC: e + combining acute becomes é
  ])("%j is accepted as %j", (raw, stored) => {
    expect(validName(raw)).toBe(stored);
  });

  test.each([
    ["\u202Eevil", "U+202E RIGHT-TO-LEFT OVERRIDE at position 1"],
    ["a\u202Ab", "U+202A"],
    ["a\u2066b", "U+2066 LEFT-TO-RIGHT ISOLATE"],
    ["a\u2069b", "U+2069"],
    ["a\u200Bb", "U+200B ZERO WIDTH SPACE"],
    ["a\u200Db", "U+200D ZERO WIDTH JOINER"],
    ["a\u2060b", "U+2060 WORD JOINER"],
    ["a\uFEFFb", "U+FEFF BYTE ORDER MARK"],
    ["\uFEFFleading", "U+FEFF BYTE ORDER MARK at position 1"],
    ["trailing\u200B", "U+200B"],
    ["a\u00ADb", "U+00AD SOFT HYPHEN"],
    ["a\tb", "U+0009 TAB"],
    ["a\u0085b", "U+0085"],
    ["a\u2028b", "U+2028 LINE SEPARATOR"],
    ["a\uE000b", "U+E000"],
    ["a\u3164b", "U+3164"],
    ["a\uD800b", "U+D800"],
    ["a\u{E0041}b", "U+E0041"],
  ])("%j is refused (%s)", (raw, fragment) => {
    const error = thrown(() => validName(raw));
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    expect(error.message).toContain(fragment);
    expect(error.message).toContain("letters of any script");
  });

  test("length is counted in characters, not UTF-16 units", () => {
    expect(checkDisplayName("😀".repeat(100)).ok).toBe(true);
    expect(checkDisplayName("😀".repeat(101))).toEqual({ ok: false, code: "NAME_TOO_LONG", params: { length: 101, max: 100 } });
  });
});

/** A resolver that knows a few names, as DNS would answer them. */
const FAKE_DNS: Record<string, LookupAddress[]> = {
  localhost: [{ address: "127.0.0.1", family: 4 }, { address: "::1", family: 6 }],
  "service.example": [{ address: "10.1.2.3", family: 4 }],
  "rebind.example": [{ address: "10.1.2.3", family: 4 }, { address: "169.254.169.254", family: 4 }],
  "wire.example": [{ address: "168.63.129.16", family: 4 }],
  "v6meta.example": [{ address: "fd00:ec2::254", family: 6 }],
};
const resolveAll = async (name: string): Promise<LookupAddress[]> => {
  const found = FAKE_DNS[name];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: "ENOTFOUND" });
  return found;
};
const HOST_PORT = 4000;
const guard = new TargetGuard({ hostEndpoints: [{ address: "127.0.0.1", port: HOST_PORT }] }, resolveAll);

async function targetProblem(raw: string, using = guard): Promise<RelayPluginError | undefined> {
  try {
    await assertTargetAllowed(validTargetUrl(raw), using);
    return undefined;
  } catch (error) {
    return error as RelayPluginError;
  }
}

describe("target URLs", () => {
  test.each([
    ["http://169.254.169.254/", "link-local"],
    ["http://2852039166/", "169.254.169.254 is a link-local"],
    ["http://0xa9fea9fe/", "169.254.169.254 is a link-local"],
    ["http://0251.0376.0251.0376/", "169.254.169.254 is a link-local"],
    ["http://0xa9.0376.43518/", "169.254.169.254 is a link-local"],
    ["http://169.254.1.1:8080/", "link-local"],
    ["http://[::ffff:169.254.169.254]/", "::ffff:a9fe:a9fe (169.254.169.254) is a link-local"],
    ["http://[::ffff:a9fe:a9fe]/", "link-local"],
    ["http://[0:0:0:0:0:ffff:a9fe:a9fe]/", "link-local"],
    ["http://[::169.254.169.254]/", "link-local"],
    ["http://[64:ff9b::a9fe:a9fe]/", "link-local"],
    ["http://[2002:a9fe:a9fe::1]/", "link-local"],
    ["http://[fe80::1]/", "link-local"],
    ["http://[fd00:ec2::254]/", "AWS instance metadata service"],
    ["http://metadata.google.internal/", "cloud metadata service's host name"],
    ["http://METADATA.google.internal./", "cloud metadata service's host name"],
    ["http://metadata.azure.internal/", "cloud metadata service's host name"],
    ["http://168.63.129.16/", "WireServer"],
    ["http://100.100.100.200/", "Alibaba"],
    ["http://0.0.0.0:8080/", "unspecified address"],
    ["http://0/", "unspecified address"],
    ["http://[::]:8080/", "unspecified address"],
    ["http://255.255.255.255/", "broadcast"],
    ["http://224.0.0.1/", "multicast"],
    [`http://127.0.0.1:${HOST_PORT}/`, `this host's own admin port (${HOST_PORT})`],
    [`http://127.0.0.2:${HOST_PORT}/`, "own admin port"],
    [`http://[::1]:${HOST_PORT}/`, "own admin port"],
    [`http://[::ffff:127.0.0.1]:${HOST_PORT}/`, "own admin port"],
    [`http://localhost:${HOST_PORT}/`, "localhost (127.0.0.1) is this host's own admin port"],
    ["http://rebind.example/", "rebind.example (169.254.169.254) is a link-local"],
    ["http://wire.example/", "WireServer"],
    ["http://v6meta.example/", "AWS"],
  ])("%s is refused (%s)", async (raw, fragment) => {
    const error = await targetProblem(raw);
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", field: "targetUrl" });
    expect(error?.message).toContain(fragment);
    expect(error?.message).toContain("ECS_PLUGIN_AZURE_RELAY_TARGETALLOW");
  });

  test.each([
    "http://127.0.0.1:8080/",
    "http://127.0.0.1:4001/",
    "http://localhost:8080/api/",
    "http://[::1]:8080/",
    "http://10.0.0.5:81/",
    "https://service.example/",
    "http://192.168.1.20/",
  ])("%s is allowed (local web services are the point)", async (raw) => {
    expect(await targetProblem(raw)).toBeUndefined();
  });

  test("a name that does not resolve is refused at its field, saying why", async () => {
    const error = await targetProblem("http://nowhere.invalid/");
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", field: "targetUrl" });
    expect(error?.message).toContain("could not be resolved (ENOTFOUND)");
  });

  test("the allow list exempts named addresses and CIDRs, and only those", async () => {
    const allowing = new TargetGuard({ allow: ["169.254.10.0/24", "fd00:ec2::254"], hostEndpoints: [{ address: "127.0.0.1", port: HOST_PORT }] }, resolveAll);
    expect(await targetProblem("http://169.254.10.5/", allowing)).toBeUndefined();
    expect(await targetProblem("http://[::ffff:169.254.10.5]/", allowing)).toBeUndefined();
    expect(await targetProblem("http://[fd00:ec2::254]/", allowing)).toBeUndefined();
    expect(await targetProblem("http://169.254.169.254/", allowing)).toMatchObject({ field: "targetUrl" });
  });

  test("a host bound to every interface guards its port on every local address", async () => {
    const anyInterface = new TargetGuard({ hostEndpoints: [{ address: "0.0.0.0", port: HOST_PORT }] }, resolveAll);
    expect(await targetProblem(`http://127.0.0.1:${HOST_PORT}/`, anyInterface)).toMatchObject({ field: "targetUrl" });
    expect(await targetProblem(`http://127.0.0.1:${HOST_PORT + 1}/`, anyInterface)).toBeUndefined();
  });

  test.each([["not-an-ip"], ["10.0.0.0/33"], ["169.254.169.254/-1"]])("allow-list entry %j is refused with its text", (entry) => {
    expect(() => parseAllowList([entry])).toThrow(/targetAllow entry .* is not an IP address or CIDR/);
  });
});
