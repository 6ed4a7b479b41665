/**
 * AES-256-GCM sealing under the host key. Output: `v1:<iv>:<tag>:<ciphertext>`, each part base64,
 * with a fresh random 12-byte IV per seal, so equal plaintexts never give equal sealed text.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { SecretSealer } from "../contract";

const VERSION = "v1";

/** A sealer under `key` (exactly 32 bytes). */
export function createSecretSealer(key: Buffer): SecretSealer {
  if (key.length !== 32) throw new Error("secret sealer: key must be 32 bytes");
  const sealKey = Buffer.from(key); // own copy: callers may zero theirs
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", sealKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(":");
    },
    open(sealed) {
      const parts = String(sealed).split(":");
      if (parts.length !== 4 || parts[0] !== VERSION) throw new Error("secret sealer: not a v1 sealed value");
      const [, iv, tag, body] = parts.map((part, i) => (i === 0 ? Buffer.alloc(0) : Buffer.from(part, "base64")));
      if (iv.length !== 12 || tag.length !== 16) throw new Error("secret sealer: malformed sealed value");
      try {
        const decipher = createDecipheriv("aes-256-gcm", sealKey, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
      } catch {
        // No cause attached: the crypto error says nothing useful and must not hint at the key.
        throw new Error("secret sealer: sealed value was tampered with or sealed under another key");
      }
    },
  };
}
