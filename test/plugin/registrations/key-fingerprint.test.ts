import { createHash } from "node:crypto";
import { keyFingerprint } from "../../../server/plugin/registrations/key-fingerprint";

const KEY = "q83PU8mPv+Hn0gQy3SW1JjDYr1/gkmAPbC4gRhzSRZs=";

describe("keyFingerprint", () => {
  test("is sha256: and the first 12 hex digits of SHA-256 over the key text", () => {
    const expected = createHash("sha256").update(KEY, "utf8").digest("hex").slice(0, 12);
    expect(keyFingerprint(KEY)).toBe(`sha256:${expected}`);
    expect(keyFingerprint(KEY)).toMatch(/^sha256:[0-9a-f]{12}$/);
  });

  test("is stable, and tells different keys apart", () => {
    expect(keyFingerprint(KEY)).toBe(keyFingerprint(KEY));
    const rotated = `${KEY.slice(0, 42)}A=`;
    expect(keyFingerprint(rotated)).not.toBe(keyFingerprint(KEY));
  });

  test("holds no fragment of the key", () => {
    const fingerprint = keyFingerprint(KEY).slice("sha256:".length);
    for (let i = 0; i + 4 <= KEY.length; i++) expect(fingerprint).not.toContain(KEY.slice(i, i + 4));
  });

  test("1 000 distinct keys give 1 000 distinct fingerprints", () => {
    const keys = Array.from({ length: 1000 }, (_, i) => createHash("sha256").update(String(i)).digest("base64"));
    expect(new Set(keys.map(keyFingerprint)).size).toBe(1000);
  });
});
