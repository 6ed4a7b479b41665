/**
 * `renewToken` before the listener's token expires (docs/relay-protocol-notes.md §3, issue 10 item 1). hyco-https renews every
 * 60 min counted from the connect, whatever the token's lifetime (so a 3600 s token races its renewal); we renew at
 * RENEW_AT of the lifetime, never later than RENEW_MARGIN_MS before the end. A failing token function is reported
 * through `failed` (it becomes the listener's status), never only logged.
 */
import type WebSocket from "ws";

/** Share of the lifetime after which the token is renewed. */
const RENEW_AT = 0.8;
/** Renew at least this long before expiry (clock skew, a slow relay). */
const RENEW_MARGIN_MS = 5 * 60_000;

/** When to renew a token of this lifetime, in ms after it was issued (at least 1 s). */
export function renewalDelayMs(lifetimeSeconds: number): number {
  const lifetimeMs = lifetimeSeconds * 1000;
  return Math.max(1000, Math.min(lifetimeMs * RENEW_AT, lifetimeMs - RENEW_MARGIN_MS));
}

export class TokenRenewal {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ws: WebSocket,
    private readonly token: () => string,
    private readonly lifetimeSeconds: () => number,
    private readonly failed: (error: unknown) => void,
    /** Called after each renewal went out (the token renewals metric). */
    private readonly renewed: () => void = () => undefined,
  ) {}

  /** Arms the timer for the token presented at connect. */
  start(): void {
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(this.renew, renewalDelayMs(this.lifetimeSeconds()));
    this.timer.unref();
  }

  private readonly renew = (): void => {
    if (this.ws.readyState !== this.ws.OPEN) return;
    let token: string;
    try {
      token = this.token();
    } catch (error) {
      return this.failed(error);
    }
    // No reply comes for a good renewal; a refused one closes the channel with 1008 (reported as that close).
    this.ws.send(JSON.stringify({ renewToken: { token } }), (error) => (error ? this.failed(error) : this.renewed()));
    this.schedule();
  };
}
