/**
 * Renews the listener's SAS token over the control channel at half its lifetime (`renewToken`; see
 * docs/security/listener-tokens.md). hyco-https renews only every 60 min counted from the connect, so a token living
 * an hour or less would expire first and the relay would close the channel with 1008; renewing at half the lifetime
 * keeps any lifetime safe.
 */
import { WS_OPEN, type RelayWebSocket } from "./hyco-internals";

/** setInterval's ceiling (about 24.8 days); a longer half-lifetime renews at this pace instead. */
const MAX_INTERVAL_MS = 2 ** 31 - 1;

/** Sends `{ renewToken: { token } }` every half `lifetimeSeconds` while `channel` is open; stops when it closes. */
export function renewTokenWhileOpen(channel: RelayWebSocket & { send(data: string): void }, token: () => string, lifetimeSeconds: number, renewed: () => void = () => undefined): void {
  const everyMs = Math.min(Math.max(500, (lifetimeSeconds * 1000) / 2), MAX_INTERVAL_MS);
  const timer = setInterval(() => {
    if (channel.readyState !== WS_OPEN) return;
    channel.send(JSON.stringify({ renewToken: { token: token() } }));
    renewed();
  }, everyMs);
  timer.unref();
  channel.once("close", () => clearInterval(timer));
}
