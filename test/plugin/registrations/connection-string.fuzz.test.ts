/**
 * Property-style checks: whatever the input, the parser answers with a result or a ConnectionStringError, and no
 * message or field ever carries the key or signature. Inputs come from a seeded generator, so a failure replays.
 */
import {
  ConnectionStringError,
  checkConnectionString,
  parseConnectionString,
} from "../../../server/plugin/registrations/connection-string";

const KEY = "q83PU8mPv+Hn0gQy3SW1JjDYr1/gkmAPbC4gRhzSRZs=";
const SIG = "Xk9fQ2Rz7pLmN1vB4cT8wYhJ0uE6aGdR5sK3oI2qZxM=";
const SAS = `SharedAccessSignature sr=http%3A%2F%2Fns.servicebus.windows.net%2Fhc&sig=${encodeURIComponent(SIG)}&se=1900000000&skn=r`;

/** mulberry32: a tiny seeded PRNG. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ["Endpoint", "endpoint", "SharedAccessKeyName", "SharedAccessKey", "SHAREDACCESSKEY", "SharedAccessSignature", "EntityPath", "UseDevelopmentEmulator", "SharedAccesKey", "", " ", KEY];
const VALUES = [
  KEY, KEY, SAS, `${KEY}${KEY}`, KEY.slice(0, -1), "sb://contoso.servicebus.windows.net/", "sb://127.0.0.1:9351/", "sb://[::1]:1/",
  "sb://c\u043entoso.servicebus.windows.net", `sb://${KEY}`, `sb://u:${KEY}@h.example`, "https://x.y/", "true", "TRUE", "no", "hc1", "",
  "=", "==", ";", "\u0000", "\r\n", "\ud800", "\u202e", "\u200b", "a".repeat(300), `sb://${"a".repeat(70)}.example/`, "sb://[", "sb://a:99999/",
];
const NOISE = ["=", ";", ";;", " ", "\t", "\n", "\u0000", "\u00a0", "\ufeff", "\ud83d\ude00", "\udc00", "\u0430", "\"", "'", "://", "[", "]", "@", "?", "#", "\\", "%"];

function generate(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const parts: string[] = [];
  const count = Math.floor(next() * 12);
  for (let i = 0; i < count; i++) {
    const roll = next();
    if (roll < 0.6) parts.push(`${pick(KEYS)}=${pick(VALUES)}`);
    else if (roll < 0.8) parts.push(pick(NOISE).repeat(1 + Math.floor(next() * 3)));
    else if (roll < 0.9) parts.push(String.fromCharCode(...Array.from({ length: 1 + Math.floor(next() * 20) }, () => Math.floor(next() * 0x10000))));
    else parts.push(pick([KEY, SAS, `${KEY};`, "x".repeat(Math.floor(next() * 5000))]));
  }
  return parts.join(next() < 0.8 ? ";" : "");
}

test("2 000 random strings: only ConnectionStringError, and never a secret in a message", () => {
  const next = random(20240607);
  let accepted = 0;
  for (let i = 0; i < 2000; i++) {
    const input = generate(next);
    let error: unknown;
    try {
      parseConnectionString(input);
      accepted++;
    } catch (caught) {
      error = caught;
    }
    const check = checkConnectionString(input);
    expect(check.ok).toBe(error === undefined);
    if (error === undefined) continue;
    expect(error).toBeInstanceOf(ConnectionStringError);
    const shown = `${(error as Error).message}\n${JSON.stringify((error as ConnectionStringError).problems)}`;
    for (const secret of [KEY, KEY.slice(0, 24), KEY.slice(20), SIG, SIG.slice(0, 24), encodeURIComponent(SIG)]) {
      if (shown.includes(secret)) throw new Error(`secret leaked for input #${i}: ${JSON.stringify(input)}`);
    }
    expect((error as ConnectionStringError).problems.length).toBeGreaterThan(0);
  }
  expect(accepted).toBeLessThan(2000); // sanity: the generator does produce failures
});

test("the portal string survives random case and whitespace", () => {
  const next = random(7);
  for (let i = 0; i < 200; i++) {
    const flip = (text: string) => [...text].map((c) => (next() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join("");
    const pad = () => " ".repeat(Math.floor(next() * 3));
    const input = `${pad()}${flip("Endpoint")}${pad()}=${pad()}sb://contoso.servicebus.windows.net/;${pad()}${flip("SharedAccessKeyName")}=r;;${flip("SharedAccessKey")}=${KEY};${pad()}`;
    expect(parseConnectionString(input)).toMatchObject({ namespace: "contoso.servicebus.windows.net", keyName: "r", key: KEY });
  }
});
