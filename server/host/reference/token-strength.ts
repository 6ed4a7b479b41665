/** How strong a token from the environment must be (access tokens, the metrics token). */

/** Shortest access token accepted from the environment: 32 characters (128 bits as hex); generated ones have 43. */
export const MIN_TOKEN_LENGTH = 32;

/**
 * Refuses a token from the environment that is too short to resist guessing (says which variable, never the value).
 * `whenUnset` tells what happens without it.
 */
export function requireStrongToken(variable: string, token: string | undefined, whenUnset = "to let the host generate and save one"): void {
  if (token === undefined || token.length >= MIN_TOKEN_LENGTH) return;
  throw new Error(
    `${variable} is ${token.length} characters long; access tokens must have at least ${MIN_TOKEN_LENGTH}. ` +
      `Generate one with \`openssl rand -hex 32\`, or unset ${variable} ${whenUnset}.`,
  );
}
