/**
 * A TokenCredential that always presents the same bearer token. For tests and the local emulator only (the
 * emulator accepts any bearer token); a real Azure AD token expires within about an hour and is not renewed.
 */
import type { AccessToken, TokenCredential } from "@azure/identity";

/** How long each handed-out token claims to stay valid; the SDK's bearer policy refreshes shortly before that. */
const CLAIMED_LIFETIME_MS = 60 * 60 * 1000;

export class StaticTokenCredential implements TokenCredential {
  constructor(private readonly token: string) {}

  async getToken(): Promise<AccessToken> {
    return { token: this.token, expiresOnTimestamp: Date.now() + CLAIMED_LIFETIME_MS };
  }
}
