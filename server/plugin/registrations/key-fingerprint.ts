/**
 * A short, safe-to-show fingerprint of a shared access key, so admins can tell keys apart (after a rotation,
 * or across registrations) without the key ever leaving the service layer (docs/security/secrets.md).
 */
import { createHash } from "node:crypto";

/** Hex digits kept: 48 bits tell a handful of keys apart (chance of a clash between two keys ≈ 1 in 2.8e14). */
const FINGERPRINT_HEX_DIGITS = 12;

/**
 * `sha256:` + the first 12 hex digits of SHA-256 over the key's UTF-8 text, e.g. `sha256:3f2a9c01b7de`.
 *
 * Why it is safe to show: SHA-256 is one-way, and an Azure key is 256 random bits, so no dictionary or brute
 * force can walk back from the hash; and truncation to 48 bits throws most of the hash away, so each fingerprint
 * fits about 2^208 possible keys and reveals nothing usable about any one of them.
 * It is an identifier, not a check: never use it to authenticate or to compare keys for security.
 */
export function keyFingerprint(key: string): string {
  const digest = createHash("sha256").update(key, "utf8").digest("hex");
  return `sha256:${digest.slice(0, FINGERPRINT_HEX_DIGITS)}`;
}
