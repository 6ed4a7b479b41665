/**
 * Shared Access Signature tokens for Azure Relay, as the service expects them (relay-protocol-notes.md §2):
 * HMAC-SHA256 over `encodeURIComponent(resourceUri) + "\n" + expiry`, keyed with the UTF-8 text of the key
 * (the base64 key is not decoded). The resource URI is `http://{namespace}/{hybridConnection}`.
 */
import { createHmac } from "node:crypto";

export interface SasTokenRequest {
  /** `contoso.servicebus.windows.net` or `127.0.0.1:9351` (the port is ignored by the relay's audience check). */
  namespace: string;
  /** The entity the token is for; omit for a namespace-wide token. */
  hybridConnectionName?: string;
  keyName: string;
  key: string;
  /** Lifetime in seconds. Default 3600 (as Azure's own SDKs). */
  lifetimeSeconds?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/** The relay resource URI a token is scoped to. */
export function relayResourceUri(namespace: string, hybridConnectionName?: string): string {
  const path = hybridConnectionName ? `/${hybridConnectionName}` : "/";
  return `http://${namespace.toLowerCase()}${path}`;
}

/** `SharedAccessSignature sr=…&sig=…&se=…&skn=…` */
export function createSasToken(req: SasTokenRequest): string {
  const nowMs = (req.now ?? Date.now)();
  const expiry = Math.floor(nowMs / 1000) + (req.lifetimeSeconds ?? 3600);
  const sr = encodeURIComponent(relayResourceUri(req.namespace, req.hybridConnectionName));
  const sig = createHmac("sha256", req.key).update(`${sr}\n${expiry}`).digest("base64");
  return `SharedAccessSignature sr=${sr}&sig=${encodeURIComponent(sig)}&se=${expiry}&skn=${encodeURIComponent(req.keyName)}`;
}
