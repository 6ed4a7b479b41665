/**
 * Throttling of failed access tokens (POST /login and GraphQL bearer tokens): per client address and
 * globally, in memory (rate-limiter-flexible's RateLimiterMemory: fixed windows, expiring keys).
 *
 * A token check first reserves one failure in both windows and is refunded when the token is right,
 * so concurrent guesses cannot slip past the limit between "check" and "count", and successful
 * sign-ins never use up the allowance. See docs/security/http-and-login.md.
 */
import ipaddr from "ipaddr.js";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { LoginThrottleSettings } from "./config";

export interface LoginThrottle {
  /**
   * Reserves one failed attempt for `address`. `ok: false` → refuse with 429, `Retry-After: retryAfterSeconds`
   * (nothing was reserved). `ok: true` → check the token, then call `succeeded()` if it was right.
   */
  attempt(address: string | undefined): Promise<{ ok: true; succeeded(): Promise<void> } | { ok: false; retryAfterSeconds: number }>;
}

/** What a presented token came to: refused by the throttle, right, or wrong (its failure stays counted). */
export type TokenVerdict = { kind: "throttled"; retryAfterSeconds: number; message: string } | { kind: "right" } | { kind: "wrong" };

/**
 * The one throttled token check every route uses: reserve a failure, judge the token, refund when it was right.
 * No throttle: the token is only judged.
 */
export async function judgeToken(throttle: LoginThrottle | undefined, address: string | undefined, isRight: () => boolean): Promise<TokenVerdict> {
  const attempt = throttle ? await throttle.attempt(address) : undefined;
  if (attempt && !attempt.ok) return { kind: "throttled", retryAfterSeconds: attempt.retryAfterSeconds, message: throttledMessage(attempt.retryAfterSeconds) };
  if (!isRight()) return { kind: "wrong" };
  if (attempt?.ok) await attempt.succeeded();
  return { kind: "right" };
}

function throttledMessage(retryAfterSeconds: number): string {
  return `Too many failed access-token attempts; try again in ${retryAfterSeconds} seconds.`;
}

const GLOBAL_KEY = "all";

/** A throttle over `settings` (limits of 0 are off). */
export function createLoginThrottle(settings: LoginThrottleSettings): LoginThrottle {
  const limiter = (points: number, keyPrefix: string) =>
    points > 0 ? new RateLimiterMemory({ points, duration: settings.windowSeconds, keyPrefix }) : undefined;
  const perAddress = limiter(settings.maxFailuresPerAddress, "login-address");
  const global = limiter(settings.maxFailuresGlobal, "login-global");
  return {
    async attempt(address) {
      const key = addressKey(address);
      const byAddress = await reserve(perAddress, key);
      if (!byAddress.ok) return byAddress;
      const overall = await reserve(global, GLOBAL_KEY);
      if (!overall.ok) {
        await perAddress?.reward(key, 1);
        return overall;
      }
      return {
        ok: true,
        succeeded: async () => {
          await perAddress?.reward(key, 1);
          await global?.reward(GLOBAL_KEY, 1);
        },
      };
    },
  };
}

async function reserve(limiter: RateLimiterMemory | undefined, key: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  if (!limiter) return { ok: true };
  try {
    await limiter.consume(key, 1);
    return { ok: true };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    // consume() counted this refused try too; give it back so waiting out Retry-After is enough.
    await limiter.reward(key, 1);
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
  }
}

/**
 * The throttling key of a client address: IPv4 (also IPv4-mapped IPv6) as is, IPv6 by its /64, since
 * one subscriber usually holds a whole /64 and could otherwise rotate addresses. The socket's peer
 * address only: forwarded headers are not trusted (the reference host sits behind no proxy).
 */
export function addressKey(address: string | undefined): string {
  if (!address || !ipaddr.isValid(address)) return "unknown";
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(":")}::/64`;
}
