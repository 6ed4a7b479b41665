/**
 * The webhook's signature (docs/operations.md, Webhook): `X-ECS-Signature: sha256=<hex>` where hex is
 * HMAC-SHA256(secret, `<X-ECS-Timestamp>.<raw body>`). Signing the timestamp with the body lets a receiver refuse a
 * replayed request (timestamp too old) and a forged one (signature does not match), as Stripe's and Slack's do.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-ecs-signature";
export const TIMESTAMP_HEADER = "x-ecs-timestamp";

/** The signature header's value for `body` sent at `timestamp` (Unix seconds). */
export function signature(secret: string, timestamp: number, body: string): string {
  return "sha256=" + createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/**
 * What a receiver does (a reference implementation, used by the tests): recompute, compare in constant time, and
 * refuse a timestamp more than `toleranceSeconds` from its own clock.
 */
export function verifySignature(secret: string, headers: { signature?: string; timestamp?: string }, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isSafeInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signature(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
