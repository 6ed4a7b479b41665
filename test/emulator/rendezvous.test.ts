/** Rendezvous addresses are single-use and short-lived (checklist 19); SAS audience rules in isolation (checklist 2). */
import { RENDEZVOUS_TTL_MS, RendezvousRegistry } from "../../server/emulator/rendezvous";
import { audienceCovers, parseSasToken } from "../../server/emulator/sas-verify";
import { filterQuery, requestTarget } from "../../server/emulator/sender-request";
import { delay } from "./helpers";

test("Azure's lifetimes: ~60 s for request addresses, ~30 s for accept addresses", () => {
  expect(RENDEZVOUS_TTL_MS).toEqual({ request: 60_000, accept: 30_000 });
});

test("an address expires unused (onExpire runs) and cannot be claimed after; a claim works once, for its kind and entity", async () => {
  const reg = new RendezvousRegistry();
  let expired = 0;
  const entry = { kind: "request" as const, hybridConnection: "hc", onUpgrade: () => undefined, onExpire: () => expired++ };
  reg.register("a", entry, 30);
  await delay(60);
  expect(expired).toBe(1);
  expect(reg.claim("a", "request", "hc")).toBeUndefined();
  reg.register("b", entry, 1000);
  expect(reg.claim("b", "accept", "hc")).toBeUndefined();
  expect(reg.claim("b", "request", "other")).toBeUndefined();
  expect(reg.claim("b", "request", "HC")).toBe(entry);
  expect(reg.claim("b", "request", "hc")).toBeUndefined();
  reg.clear();
});

test("query filtering keeps everything but sb-hc-* pairs with '=' byte-for-byte (relay-protocol-notes.md §1)", () => {
  expect(filterQuery("sb-hc-id=1&a=b")).toBe("a=b");
  expect(filterQuery("sb-hc-x=")).toBe("");
  expect(filterQuery("sb-hc-x")).toBe("sb-hc-x");
  expect(filterQuery("a=1&&b=%20&SB-HC-Token=x&c")).toBe("a=1&&b=%20&c");
  expect(requestTarget("/hc/a?sb-hc-x=")).toBe("/hc/a");
  expect(requestTarget("/hc/A/b?x=1")).toBe("/hc/A/b?x=1");
});

test("audience: scheme, port, case, trailing slash ignored; segment prefixes only; $hc/ tolerated", () => {
  const hosts = ["127.0.0.1", "ns.servicebus.windows.net"];
  const e = encodeURIComponent;
  expect(audienceCovers(e("http://127.0.0.1:443/hc"), "hc", hosts)).toBe(true);
  expect(audienceCovers(e("sb://NS.servicebus.windows.net/HC/"), "hc", hosts)).toBe(true);
  expect(audienceCovers(e("http://127.0.0.1/$hc/hc"), "hc", hosts)).toBe(true);
  expect(audienceCovers(e("http://127.0.0.1/a"), "a/b", hosts)).toBe(true);
  expect(audienceCovers(e("http://127.0.0.1/a/b"), "a", hosts)).toBe(false);
  expect(audienceCovers(e("http://127.0.0.1/h"), "hc", hosts)).toBe(false);
  expect(audienceCovers(e("http://evil.example/hc"), "hc", hosts)).toBe(false);
});

test("token parsing: field order free, names case-insensitive, '+' in sig kept", () => {
  const t = parseSasToken("SharedAccessSignature SKN=k&se=100&Sig=a%2Bb+c%3D&sr=http%3A%2F%2Fx%2Fhc");
  expect(t).toEqual({ sr: "http%3A%2F%2Fx%2Fhc", sig: "a+b+c=", se: 100, skn: "k" });
  expect(parseSasToken("SharedAccessSignature sr=x&sig=y&skn=k")).toBeUndefined();
});
