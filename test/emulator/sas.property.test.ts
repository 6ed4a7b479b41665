/**
 * The emulator's SAS check, property-tested (fast-check, fixed seed): every token a real client could
 * sign is accepted, and every mutation of one — a field dropped, given twice or badly encoded, a
 * signature of the wrong length or spelling, an expiry in the past or beyond the policy, an unknown key
 * name, another resource — is answered 401 (never an exception).
 */
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { EmulatorNamespace } from "../../server/emulator/namespace";
import { EXPIRY_TOO_FAR, MAX_TOKEN_LIFETIME_SECONDS, verifySasToken, type SasCheck } from "../../server/emulator/sas-verify";
import { REASONS } from "../../server/emulator/relay-errors";

const SEED = 0x5a5;
const NOW_S = 1_800_000_000;
const ns = new EmulatorNamespace("prop");
ns.addHybridConnection({ name: "alpha" });
ns.addHybridConnection({ name: "team/beta" });
ns.addRule({ name: "send-rule", rights: ["Send"], primaryKey: "cHJpbWFyeS1rZXktb2YtdGhlLXNlbmQtcnVsZQ==", secondaryKey: "c2Vjb25kYXJ5LWtleQ==" });
ns.addRule({ name: "all-rule", rights: ["Manage", "Listen", "Send"] });
const HOSTS = ["127.0.0.1", "localhost"];
const check = (hybridConnection: string): SasCheck => ({ hybridConnection, right: "Send", hosts: HOSTS, nowMs: NOW_S * 1000 });

interface Fields {
  sr: string;
  sig: string;
  se: string;
  skn: string;
}
interface Signed {
  hc: string;
  fields: Fields;
  order: Array<keyof Fields>;
}

const sign = (srEncoded: string, se: string, key: string) => createHmac("sha256", key).update(`${srEncoded}\n${se}`).digest("base64");
const render = (pairs: Array<[string, string]>) => `SharedAccessSignature ${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`;
const tokenOf = (t: Signed) => render(t.order.map((k) => [k, t.fields[k]]));

/** An audience a real client may write for `hc`: any scheme, a known host in any case, port, `$hc/`, trailing slash, %xx case. */
const audience = (hc: string) =>
  fc
    .record({
      scheme: fc.constantFrom("http", "https", "sb", "ws", "wss", ""),
      host: fc.constantFrom(...HOSTS, ns.fqdn, ns.fqdn.toUpperCase()),
      port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
      hcPrefix: fc.boolean(),
      path: fc.constantFrom(hc, hc.toUpperCase(), hc.split("/")[0]),
      slash: fc.boolean(),
      lowerEscapes: fc.boolean(),
    })
    .map((a) => {
      const text = `${a.scheme ? `${a.scheme}://` : ""}${a.host}${a.port ? `:${a.port}` : ""}/${a.hcPrefix ? "$hc/" : ""}${a.path}${a.slash ? "/" : ""}`;
      const encoded = encodeURIComponent(text);
      return a.lowerEscapes ? encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()) : encoded;
    });

const validToken: fc.Arbitrary<Signed> = fc
  .record({
    hc: fc.constantFrom("alpha", "team/beta"),
    rule: fc.constantFrom("send-rule", "all-rule"),
    secondary: fc.boolean(),
    lifetime: fc.integer({ min: 1, max: MAX_TOKEN_LIFETIME_SECONDS }),
    order: fc.shuffledSubarray(["sr", "sig", "se", "skn"] as Array<keyof Fields>, { minLength: 4, maxLength: 4 }),
    upperNames: fc.boolean(),
  })
  .chain((t) =>
    audience(t.hc).map((sr) => {
      const keys = ns.getKeys(t.rule);
      const se = String(NOW_S + t.lifetime);
      const fields = { sr, sig: encodeURIComponent(sign(sr, se, t.secondary ? keys.secondaryKey : keys.primaryKey)), se, skn: t.rule };
      return { hc: t.hc, fields, order: t.order };
    }),
  );

type Mutation = (t: Signed) => string;
const replace = (t: Signed, field: keyof Fields, value: string) => tokenOf({ ...t, fields: { ...t.fields, [field]: value } });
const resign = (t: Signed, sr: string, se: string, key = ns.getKeys(t.fields.skn).primaryKey) =>
  tokenOf({ ...t, fields: { ...t.fields, sr, se, sig: encodeURIComponent(sign(sr, se, key)) } });
const sigBytes = (t: Signed) => Buffer.from(decodeURIComponent(t.fields.sig), "base64");

const mutations: fc.Arbitrary<[string, Mutation]> = fc.oneof(
  fc.constantFrom<keyof Fields>("sr", "sig", "se", "skn").map((field): [string, Mutation] => [
    `drop ${field}`,
    (t) => tokenOf({ ...t, order: t.order.filter((k) => k !== field) }),
  ]),
  fc.constantFrom<keyof Fields>("sr", "sig", "se", "skn").map((field): [string, Mutation] => [`empty ${field}`, (t) => replace(t, field, "")]),
  fc.tuple(fc.constantFrom<keyof Fields>("sr", "sig", "se", "skn"), fc.boolean()).map(([field, same]): [string, Mutation] => [
    `duplicate ${field}`,
    (t) => render([...t.order.map((k): [string, string] => [k, t.fields[k]]), [field.toUpperCase(), same ? t.fields[field] : `${t.fields[field]}0`]]),
  ]),
  fc.integer({ min: 0, max: 64 }).filter((n) => n !== 32).map((length): [string, Mutation] => [
    `signature of ${length} bytes`,
    (t) => replace(t, "sig", encodeURIComponent(Buffer.concat([sigBytes(t), Buffer.alloc(64)]).subarray(0, length).toString("base64"))),
  ]),
  fc.constantFrom("!", "!!!!", "%20", "%", "%zz", "A", "==", "\u00e9").map((junk): [string, Mutation] => [`signature + ${JSON.stringify(junk)}`, (t) => replace(t, "sig", t.fields.sig + junk)]),
  fc.integer({ min: 0, max: 31 }).map((i): [string, Mutation] => [
    `signature bit flipped in byte ${i}`,
    (t) => {
      const bytes = sigBytes(t);
      bytes[i] ^= 1;
      return replace(t, "sig", encodeURIComponent(bytes.toString("base64")));
    },
  ]),
  fc.constant<[string, Mutation]>(["signature in base64url", (t) => replace(t, "sig", sigBytes(t).toString("base64url"))]),
  fc.constant<[string, Mutation]>(["signature with a non-canonical last character", (t) => {
    const text = sigBytes(t).toString("base64"); // 43 characters + "=": the last one carries 2 unused bits
    const last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".indexOf(text[42]);
    return replace(t, "sig", encodeURIComponent(text.slice(0, 42) + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[last ^ 1] + "="));
  }]),
  fc.integer({ min: 0, max: 10 * 365 * 86400 }).map((ago): [string, Mutation] => [`expired ${ago} s ago`, (t) => resign(t, t.fields.sr, String(NOW_S - ago))]),
  fc.integer({ min: MAX_TOKEN_LIFETIME_SECONDS + 1, max: 50 * MAX_TOKEN_LIFETIME_SECONDS }).map((ahead): [string, Mutation] => [
    `expiry ${ahead} s ahead`,
    (t) => resign(t, t.fields.sr, String(NOW_S + ahead)),
  ]),
  fc.constantFrom("-1", "1.5", "1e10", "0x7fffffff", "Infinity", "9".repeat(400), " 1800000600", "01800000600", "1800000600 ").map((se): [string, Mutation] => [
    `se ${JSON.stringify(se)}`,
    (t) => resign(t, t.fields.sr, se),
  ]),
  fc.constantFrom("nope", "SEND-RULE", "send-rule%20", "%zz", "RootManageSharedAccessKey").map((skn): [string, Mutation] => [`key name ${skn}`, (t) => replace(t, "skn", skn)]),
  fc.constantFrom("http://127.0.0.1/gamma", "http://evil.example/alpha", "http://127.0.0.1/alph", "http://127.0.0.1/alpha/x/y/z", "http://127.0.0.1/%zz", "::::", "http://[::1/alpha").map((other): [string, Mutation] => [
    `signed audience ${other}`,
    (t) => resign(t, encodeURIComponent(other), t.fields.se),
  ]),
  fc.constant<[string, Mutation]>(["audience with a bad escape, signed", (t) => resign(t, `${t.fields.sr}%zz`, t.fields.se)]),
  fc.constant<[string, Mutation]>(["audience changed after signing", (t) => replace(t, "sr", `${t.fields.sr}x`)]),
  fc.constant<[string, Mutation]>(["signed with another key", (t) => resign(t, t.fields.sr, t.fields.se, "d3Jvbmcta2V5")]),
  fc.constantFrom("", "Bearer ", "SharedAccessSignature", "SharedAccessSignatur ", "SAS ", "SharedAccessSignature x ").map((scheme): [string, Mutation] => [
    `scheme ${JSON.stringify(scheme)}`,
    (t) => scheme + tokenOf(t).slice("SharedAccessSignature ".length),
  ]),
);

function expectRefused(token: string, hc: string, label: string): void {
  let outcome;
  try {
    outcome = verifySasToken(ns, token, check(hc));
  } catch (error) {
    throw new Error(`${label}: threw ${String(error)}`);
  }
  if (outcome.ok || outcome.status !== 401) throw new Error(`${label}: expected 401, got ${JSON.stringify(outcome.ok ? "accepted" : outcome)}`);
}

describe("SAS verification, property-based (seed " + SEED + ")", () => {
  test("every token a client could sign is accepted", () => {
    fc.assert(
      fc.property(validToken, (t) => {
        const outcome = verifySasToken(ns, tokenOf(t), check(t.hc));
        if (!outcome.ok) throw new Error(`refused ${tokenOf(t)}: ${outcome.reason}`);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  test("every mutation of a valid token is answered 401, never a throw", () => {
    fc.assert(
      fc.property(validToken, mutations, (t, [label, mutate]) => expectRefused(mutate(t), t.hc, label)),
      { seed: SEED, numRuns: 5000 },
    );
  });

  test("arbitrary text after the scheme is answered 401, never a throw", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.constantFrom("alpha", "team/beta"), (text, hc) =>
        expectRefused(`SharedAccessSignature ${text}`, hc, JSON.stringify(text)),
      ),
      { seed: SEED, numRuns: 3000 },
    );
  });

  test("each refusal says why", () => {
    const t = fc.sample(validToken, { seed: SEED, numRuns: 1 })[0];
    const reason = (token: string) => {
      const outcome = verifySasToken(ns, token, check(t.hc));
      return outcome.ok ? "accepted" : outcome.reason;
    };
    expect(reason(tokenOf(t))).toBe("accepted");
    expect(reason(replace(t, "sig", "AAAA"))).toBe(REASONS.invalidSignature);
    expect(reason(render([["sr", t.fields.sr], ["sr", t.fields.sr], ["sig", t.fields.sig], ["se", t.fields.se], ["skn", t.fields.skn]]))).toBe(REASONS.malformedToken);
    expect(reason(resign(t, t.fields.sr, String(NOW_S - 1)))).toBe(REASONS.expiredToken);
    expect(reason(resign(t, t.fields.sr, String(NOW_S + MAX_TOKEN_LIFETIME_SECONDS + 1)))).toBe(EXPIRY_TOO_FAR);
    expect(reason(resign(t, encodeURIComponent("http://127.0.0.1/gamma"), t.fields.se))).toBe(REASONS.invalidAudience);
    expect(EXPIRY_TOO_FAR).toBe("InvalidToken: The token expiry (se) is more than 365 days ahead.");
  });
});
