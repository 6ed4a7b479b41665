/**
 * fast-check arbitraries for hostile GraphQL inputs: connection strings (well-formed, nearly so, garbage, huge,
 * odd unicode), wrong types, nested garbage, missing and unknown fields. Every value placed in a secret field is
 * returned beside the input (`secrets`), so a test can look for it in the answer and the host log.
 * Nothing here can start a listener or reach a network: every add/update carries `enabled: false` (or an
 * invalid `enabled`), target URLs are loopback or not URLs, management endpoints are loopback or invalid.
 */
import fc from "fast-check";

/** A generated input and the values it put into secret fields (each at least 8 characters, so a hit is not chance). */
export interface Sample<T = unknown> {
  input: T;
  secrets: string[];
}

const ODD = ["\u202e", "\u200b", "\ufeff", "\u0000", "\u0007", "\n", "\t", "\ud83d\ude00", "\u0301", "ß", "İ", "\u2028", "\"", "\\", "'", ";", "=", "&", "%", "$", "{", "}"];

/** Text with odd characters mixed in: bidi overrides, zero-width, BOM, control, surrogate pairs, combining marks, quotes. */
const oddText = fc
  .array(fc.oneof(fc.constantFrom(...ODD), fc.string({ unit: "grapheme-composite", maxLength: 4 }), fc.string({ maxLength: 6 })), { maxLength: 12 })
  .map((parts) => parts.join(""));

/** Any JSON value, nested up to a few levels: the wrong type for almost every field. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v !== "string"),
);

let marker = 0;
/** A fresh secret-looking token: odd text around a unique marker, so every secret of a run differs. */
const secretText = (odd: string, hugeRepeat: number): string => `${odd}Sx${(++marker).toString(36)}q${odd}`.repeat(hugeRepeat);

const base64Key = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString("base64"));
const namespaceHost = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/).map((n) => `${n}.servicebus.windows.net`),
  fc.constantFrom("127.0.0.1:9", "localhost:9", "[::1]:9", "169.254.169.254", "0x7f.1", "", "sb://", "..", "xn--80ak6aa92e.com"),
  oddText,
);

/** A connection string built of segments, shuffled, sometimes broken; its key (when ≥ 8 chars) is a secret too. */
const segmented = fc
  .record({
    host: namespaceHost,
    scheme: fc.constantFrom("sb://", "sb://", "https://", "SB://", ""),
    keyName: fc.oneof(fc.constantFrom("RootManageSharedAccessKey", "listen"), oddText),
    key: fc.oneof(base64Key, oddText.map((t) => `${t}Kk`)),
    entityPath: fc.option(fc.oneof(fc.constantFrom("ecs-core", "zz/../ecs-core", "a//b", "."), oddText)),
    emulator: fc.boolean(),
    extra: fc.array(fc.tuple(oddText, oddText), { maxLength: 3 }),
    separator: fc.constantFrom(";", ";", "; ", ";;", "\n"),
    keyCase: fc.constantFrom("SharedAccessKey", "sharedaccesskey", "SHAREDACCESSKEY"),
  })
  .chain((parts) => {
    const segments = [
      `Endpoint=${parts.scheme}${parts.host}/`,
      `SharedAccessKeyName=${parts.keyName}`,
      `${parts.keyCase}=${parts.key}`,
      ...(parts.entityPath !== null ? [`EntityPath=${parts.entityPath}`] : []),
      ...(parts.emulator ? ["UseDevelopmentEmulator=true"] : []),
      ...parts.extra.map(([k, v]) => `${k}=${v}`),
    ];
    return fc.shuffledSubarray(segments, { minLength: 1 }).map((chosen) => ({ text: chosen.join(parts.separator), key: parts.key }));
  });

/** A connection string (as a string) and its secrets: the whole text, and the key inside it. */
export const connectionString: fc.Arbitrary<Sample<string>> = fc.oneof(
  { weight: 5, arbitrary: segmented.map(({ text, key }) => ({ input: text, secrets: [text, key] })) },
  { weight: 2, arbitrary: oddText.map((odd) => secretText(odd, 1)).map((text) => ({ input: text, secrets: [text] })) },
  { weight: 1, arbitrary: fc.integer({ min: 2000, max: 20000 }).map((n) => secretText("Ab", Math.ceil(n / 8))).map((text) => ({ input: text, secrets: [text] })) },
);

/** A secret field's value: usually a secret string, sometimes the wrong type holding a secret inside. */
const anySecretValue: fc.Arbitrary<Sample> = fc.oneof(
  { weight: 4, arbitrary: connectionString },
  {
    weight: 2,
    arbitrary: fc.tuple(oddText, fc.constantFrom("list", "object", "deep")).map(([odd, shape]) => {
      const text = secretText(odd, 1);
      const input = shape === "list" ? [text, 1] : shape === "object" ? { value: text } : { a: [{ b: { c: text } }] };
      return { input, secrets: [text] };
    }),
  },
  { weight: 1, arbitrary: fc.integer({ min: 10_000_000, max: 2_000_000_000 }).map((n) => ({ input: n, secrets: [String(n)] })) },
);

/** Text for an ordinary (non-secret) field: short, odd, or huge. */
const plainText = fc.oneof(fc.string({ maxLength: 20 }), oddText, fc.integer({ min: 300, max: 5000 }).map((n) => "n".repeat(n)));
const targetUrlText = fc.constantFrom("http://127.0.0.1:9/", "http://127.0.0.1:9/api?x=1", "not a url", "ftp://127.0.0.1/", "http://[::1]:9/", "http://2130706433:9/", "");

/**
 * Field generators in two flavours: `typed` inputs match the GraphQL types (so they reach the resolvers and the
 * services' own validation); untyped ones mix in wrong types, nested garbage and unknown fields (refused while
 * coercing variables — where graphql-js would print them).
 */
function fields(typed: boolean) {
  const orWrong = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> => (typed ? arb : fc.oneof(arb, wrongType));
  return {
    secret: typed ? (connectionString as fc.Arbitrary<Sample>) : anySecretValue,
    plain: orWrong(plainText),
    targetUrl: orWrong(targetUrlText),
    /** Never true: nothing generated may start a listener. */
    enabledOff: typed ? fc.constant(false) : fc.oneof(fc.constant(false), wrongType.filter((v) => v !== true)),
    unknown: typed ? fc.constant({}) : fc.dictionary(fc.constantFrom("extra", "clientsecret", "connection_string", "id"), anySecretValue, { maxKeys: 1 }),
    kind: typed ? fc.constantFrom("ENVIRONMENT", "MANAGED_IDENTITY", "CLIENT_SECRET", "STATIC_TOKEN") : fc.oneof(fc.constantFrom("CLIENT_SECRET", "client_secret", "OTHER"), wrongType),
    endpoint: orWrong(fc.constantFrom("https://127.0.0.1:9", "http://127.0.0.1:9", "https://user:pw@127.0.0.1:9", "https://127.0.0.1:9/?q=1", "nope", "")),
  };
}

function merge(fields: Record<string, Sample | unknown>, secretKeys: string[]): Sample<Record<string, unknown>> {
  const input: Record<string, unknown> = {};
  const secrets: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (secretKeys.includes(key) || key.startsWith("?")) {
      const sample = value as Sample;
      input[key.replace(/^\?/, "")] = sample.input;
      secrets.push(...sample.secrets);
    } else input[key] = value;
  }
  return { input, secrets };
}

const withUnknown = (fields: Record<string, unknown>, extra: Record<string, Sample>): Record<string, unknown> =>
  ({ ...fields, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`?${k}`, v])) });

/** addRelayRegistration inputs: fields missing, odd, huge (and when untyped: wrong types, unknown fields); `enabled` is never true. */
export function addInput(typed: boolean): fc.Arbitrary<Sample<Record<string, unknown>>> {
  const f = fields(typed);
  const hc = fc.oneof(fc.constantFrom("ecs-core", "a/../b", "./x", "a//b", "hostile"), f.plain);
  return fc
    .record({ connectionString: f.secret, name: f.plain, hybridConnectionName: hc, targetUrl: f.targetUrl, enabled: f.enabledOff, unknown: f.unknown }, { requiredKeys: typed ? ["connectionString", "enabled", "unknown"] : ["enabled", "unknown"] })
    .map(({ unknown, ...rest }) => merge(withUnknown(rest, unknown), ["connectionString"]));
}

/** updateRelayRegistration inputs (the id is chosen by the test). */
export function updateInput(typed: boolean): fc.Arbitrary<Sample<Record<string, unknown>>> {
  const f = fields(typed);
  return fc
    .record({ connectionString: f.secret, name: f.plain, targetUrl: f.targetUrl, enabled: f.enabledOff, unknown: f.unknown }, { requiredKeys: ["enabled", "unknown"] })
    .map(({ unknown, ...rest }) => merge(withUnknown(rest, unknown), ["connectionString"]));
}

/** setRelayManagementAccess inputs: namespaces start with `mgmt-` (no registration shares them), endpoints are loopback or invalid. */
export function managementInput(typed: boolean): fc.Arbitrary<Sample<Record<string, unknown>>> {
  const f = fields(typed);
  const credential = fc
    .record({ kind: f.kind, tenantId: f.plain, clientId: f.plain, clientSecret: f.secret, token: f.secret, unknown: f.unknown }, { requiredKeys: typed ? ["kind", "unknown"] : ["unknown"] })
    .map(({ unknown, ...rest }) => merge(withUnknown(rest, unknown), ["clientSecret", "token"]));
  const text = (arb: fc.Arbitrary<string>) => (typed ? fc.oneof(arb, plainText) : fc.oneof(arb, f.plain));
  return fc
    .record(
      {
        namespace: text(fc.stringMatching(/^mgmt-[a-z0-9]{1,10}\.servicebus\.windows\.net$/)),
        subscriptionId: text(fc.uuid()),
        resourceGroup: text(fc.constant("rg-1")),
        namespaceName: text(fc.constant("contoso")),
        endpoint: f.endpoint,
        caCertificate: fc.option(f.plain),
        credential,
      },
      // Untyped inputs often lack subscriptionId (the case of issue 15); typed ones must pass coercion.
      { requiredKeys: typed ? ["namespace", "subscriptionId", "resourceGroup", "namespaceName", "endpoint", "credential"] : ["endpoint", "credential"] },
    )
    .map(({ credential: c, ...rest }) => merge({ ...rest, "?credential": c }, []));
}

/** checkRelayConnectionString's argument, of any type. */
export const checkArgument: fc.Arbitrary<Sample> = anySecretValue;
