/** The bundle's final redaction pass makes a slip in any view harmless: secret keys, secret-shaped text, known secret values. */
import { redactDeep, REDACTED } from "../../../server/plugin/diagnostics/diagnostics-redaction";

const KEY = "q3W6n4Jm0Vr9YtB2xK8pLs5dHf1Ce7Ga/Zu+Ni0Ro4M=";
const CONNECTION = `Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=${KEY};EntityPath=hc1`;
const SAS = "SharedAccessSignature sr=http%3a%2f%2fcontoso.servicebus.windows.net%2fhc1&sig=AbCdEf0123456789abcdef%2bmnopq%3d&se=1893456000&skn=listen";

test("values under secret-sounding keys go, public facts named like secrets stay", () => {
  const out = redactDeep({ sealedKey: "abc", connectionString: "x", webhookSecret: "y", Authorization: "Bearer z", password: 12, keyName: "listen", keyFingerprint: "sha256:ab", tokenLifetimeSeconds: 3600, hasSecret: true }) as Record<string, unknown>;
  expect(out).toEqual({ sealedKey: REDACTED, connectionString: REDACTED, webhookSecret: REDACTED, Authorization: REDACTED, password: REDACTED, keyName: "listen", keyFingerprint: "sha256:ab", tokenLifetimeSeconds: 3600, hasSecret: true });
});

test("secret-shaped text is replaced wherever it sits (nested, in lists, in log lines)", () => {
  const out = JSON.stringify(redactDeep({ a: [{ note: `pasted ${CONNECTION} here` }], line: `{"msg":"x","token":"${SAS}"}`, url: "https://fn.example/api?code=abcdef123&x=1", bare: KEY, bearer: "Authorization: Bearer abcdefghijklmnop" }));
  for (const secret of [KEY, "sig=AbCdEf", "code=abcdef123", "abcdefghijklmnop"]) expect(out).not.toContain(secret);
  expect(out).toContain("x=1");
});

test("known secret values are replaced even when they have no recognisable shape", () => {
  expect(redactDeep({ note: "the secret is plainword-xyz" }, ["plainword-xyz"])).toEqual({ note: `the secret is ${REDACTED}` });
});

test("header lines whose name sounds secret lose their value (stricter than the journal's own list)", () => {
  const out = redactDeep({ headers: "x-api-key: abc123\naccept: text/html\nX-Session-Id: s1\nx-ms-signature: zz" }) as { headers: string };
  expect(out.headers).toBe(`x-api-key: ${REDACTED}\naccept: text/html\nX-Session-Id: ${REDACTED}\nx-ms-signature: ${REDACTED}`);
});
