/**
 * One table from what the relay said (a `RelaySignal` from the data plane) to what the supervisor does about it,
 * in the manner of graphql-ws's close-code table: `fatal` failures wait for new settings or a long interval
 * (retrying a wrong key every second only fills the relay's logs), `transient` ones reconnect with backoff.
 * Sources: relay-protocol-notes.md §2 (handshake statuses) and §4 (close codes); Node's socket error codes.
 */
import type { RelaySignal } from "../../relay/protocol";
import type { FailureState, RelayError } from "./relay-status";

/** The supervisor's reading of a failure. */
export interface Classification extends RelayError {
  verdict: "fatal" | "transient";
  /** The status state this failure puts the registration in. */
  state: FailureState;
}

type Row = Omit<Classification, "message"> & { what: string };

const RECONNECT = "The listener reconnects by itself; no action is needed unless this keeps happening.";
const OUTBOUND = "check this server's outbound access to *.servicebus.windows.net on port 443 (firewall, proxy)";

/**
 * Keys: `handshake:<status>` (or `handshake:5xx`), `close:<code>`, `network:<code>` (or `network:CERT` for any
 * TLS certificate error), `listener:fault` (a throw inside the listener), and `unknown`.
 */
const TABLE: Readonly<Record<string, Row>> = {
  // Malformed listen request: our URL or token format is wrong. Retrying the same request cannot help.
  "handshake:400": { verdict: "fatal", state: "FAILED", code: "RELAY_BAD_REQUEST", what: "The relay rejected the listen request as malformed (HTTP 400).", advice: "Check the namespace and hybrid connection name for stray characters; if they are right, this is a defect in the plugin — report it." },
  // Wrong key, unknown key name, or a token the relay cannot read. Only new settings fix it.
  "handshake:401": { verdict: "fatal", state: "UNAUTHORIZED", code: "RELAY_UNAUTHORIZED", what: "The relay rejected the key (HTTP 401).", advice: "The relay rejected the key. Copy the Primary Connection String again from the namespace's Shared access policies and rotate the key." },
  // A valid key without the Listen right (or the hybrid connection already has its 25 listeners).
  "handshake:403": { verdict: "fatal", state: "UNAUTHORIZED", code: "RELAY_FORBIDDEN", what: "The relay refused to let this key listen (HTTP 403).", advice: "This key has no Listen right — use a rule with Listen (a Listen-only rule is best). If the rule does have Listen, the hybrid connection may already have its maximum of 25 listeners." },
  // No such hybrid connection in this namespace. Only creating it (or fixing the name) helps.
  "handshake:404": { verdict: "fatal", state: "NOT_FOUND", code: "RELAY_NOT_FOUND", what: "The hybrid connection does not exist (HTTP 404).", advice: "The hybrid connection does not exist in this namespace — create it in the Azure portal (Hybrid Connections > + Hybrid Connection), or set up management access for this namespace so the plugin creates it, or correct the hybrid connection name." },
  // Gone: a rendezvous/address that expired between steps. A fresh connection gets a fresh one.
  "handshake:410": { verdict: "transient", state: "RECONNECTING", code: "RELAY_GONE", what: "The relay answered 410 Gone.", advice: RECONNECT },
  // Throttled: backing off is exactly what the relay asks for.
  "handshake:429": { verdict: "transient", state: "RECONNECTING", code: "RELAY_THROTTLED", what: "The relay is throttling this namespace (HTTP 429).", advice: "The listener backs off and retries. If it persists, check the namespace's connection quota and other listeners using it." },
  // The service itself failed; Azure's guidance is to retry.
  "handshake:5xx": { verdict: "transient", state: "RECONNECTING", code: "RELAY_SERVICE_ERROR", what: "The relay service answered with a server error.", advice: "Azure Relay had a temporary problem; the listener retries. Check https://status.azure.com if it lasts." },
  // Normal closure: the service recycles listener connections (about daily).
  "close:1000": { verdict: "transient", state: "RECONNECTING", code: "RELAY_CLOSED", what: "The relay closed the connection normally.", advice: RECONNECT },
  // Entity deleted/disabled or the service node moving. Reconnecting tells which: a 404 then means NOT_FOUND.
  "close:1001": { verdict: "transient", state: "RECONNECTING", code: "RELAY_GOING_AWAY", what: "The relay closed the connection (1001: the hybrid connection was deleted or disabled, or the service is moving).", advice: "The listener reconnects. If the hybrid connection was deleted or disabled in the Azure portal, restore it; the status then shows NOT_FOUND." },
  // The connection died without a close frame: network drop, proxy timeout, sleeping laptop.
  "close:1006": { verdict: "transient", state: "RECONNECTING", code: "RELAY_CONNECTION_LOST", what: "The connection to the relay was lost.", advice: `The listener reconnects. If this repeats, ${OUTBOUND}.` },
  // Token expired or a renewal was refused: a fresh connection presents a fresh token.
  "close:1008": { verdict: "transient", state: "RECONNECTING", code: "RELAY_TOKEN_EXPIRED", what: "The relay closed the connection because the access token expired (1008).", advice: "The listener reconnects with a fresh token. If this repeats, check this server's clock (tokens are time-based)." },
  // Internal error in the relay service.
  "close:1011": { verdict: "transient", state: "RECONNECTING", code: "RELAY_SERVICE_ERROR", what: "The relay closed the connection after an internal error (1011).", advice: RECONNECT },
  // Nothing listens at the endpoint: a local emulator not running, or a proxy refusing.
  "network:ECONNREFUSED": { verdict: "transient", state: "RECONNECTING", code: "RELAY_UNREACHABLE", what: "The relay endpoint refused the connection.", advice: `Check the Endpoint of the connection string and ${OUTBOUND}.` },
  // The name does not exist in DNS (NXDOMAIN): a mistyped namespace stays wrong; temporary DNS trouble is EAI_AGAIN.
  "network:ENOTFOUND": { verdict: "fatal", state: "FAILED", code: "RELAY_HOST_NOT_FOUND", what: "The namespace host name does not resolve.", advice: "The namespace host name does not resolve — check the Endpoint of the connection string and this server's DNS/outbound access to *.servicebus.windows.net on port 443." },
  // DNS server unavailable or timing out: temporary by definition.
  "network:EAI_AGAIN": { verdict: "transient", state: "RECONNECTING", code: "RELAY_DNS_UNAVAILABLE", what: "DNS lookup of the namespace failed temporarily.", advice: "This server's DNS did not answer; the listener retries. Check the server's DNS settings if it lasts." },
  "network:ETIMEDOUT": { verdict: "transient", state: "RECONNECTING", code: "RELAY_TIMEOUT", what: "Connecting to the relay timed out.", advice: `The listener retries. If it lasts, ${OUTBOUND}.` },
  "network:ECONNRESET": { verdict: "transient", state: "RECONNECTING", code: "RELAY_CONNECTION_LOST", what: "The connection to the relay was reset.", advice: `The listener reconnects. If this repeats, ${OUTBOUND}.` },
  "network:EHOSTUNREACH": { verdict: "transient", state: "RECONNECTING", code: "RELAY_UNREACHABLE", what: "The relay host is unreachable.", advice: `The listener retries. If it lasts, ${OUTBOUND}.` },
  "network:ENETUNREACH": { verdict: "transient", state: "RECONNECTING", code: "RELAY_UNREACHABLE", what: "The network is unreachable.", advice: `The listener retries. If it lasts, check this server's network connection and ${OUTBOUND}.` },
  // The TLS certificate cannot be trusted: usually an intercepting proxy. Retrying gets the same certificate.
  "network:CERT": { verdict: "fatal", state: "FAILED", code: "RELAY_TLS_UNTRUSTED", what: "The relay's TLS certificate was not trusted.", advice: "Something between this server and Azure (often a TLS-inspecting proxy) presents a certificate Node does not trust — exempt *.servicebus.windows.net from inspection or add the proxy's CA with NODE_EXTRA_CA_CERTS." },
  // Not the relay: something threw inside the listener (a defect of hyco-https or ours, possibly triggered by a
  // hostile sender). Its state cannot be trusted, so it was torn down; a fresh one serves again at once.
  "listener:fault": { verdict: "transient", state: "RECONNECTING", code: "RELAY_LISTENER_FAULT", what: "The listener hit an internal error and was restarted.", advice: "The listener reconnects by itself. If this keeps happening, look for 'relay data plane fault' lines in the host log and report them." },
  // The outbound proxy (HTTPS_PROXY / HTTP_PROXY, native engine) wants credentials: only new settings fix it.
  "network:PROXY_AUTH_REQUIRED": { verdict: "fatal", state: "FAILED", code: "PROXY_AUTH_REQUIRED", what: "The outbound proxy asked for credentials (HTTP 407).", advice: "Put the proxy user and password into the proxy URL (HTTPS_PROXY=http://user:password@proxy:port), or exempt *.servicebus.windows.net with NO_PROXY if this server may connect directly." },
  // The proxy refused or broke off the tunnel to the relay (policy, or the proxy itself failing).
  "network:PROXY_REFUSED": { verdict: "transient", state: "RECONNECTING", code: "PROXY_REFUSED", what: "The outbound proxy refused the tunnel to the relay.", advice: "Allow CONNECT to *.servicebus.windows.net on port 443 on the proxy (HTTPS_PROXY), or exempt those hosts with NO_PROXY if this server may connect directly." },
  "network:PROXY_UNSUPPORTED": { verdict: "fatal", state: "FAILED", code: "PROXY_UNSUPPORTED", what: "The outbound proxy setting names a kind of proxy the listener cannot use.", advice: "Set HTTPS_PROXY to an http:// proxy URL (http://proxy:port); https:// and socks proxies are not supported." },
  // Anything else: assume it passes, but keep backing off so it never spins.
  unknown: { verdict: "transient", state: "RECONNECTING", code: "RELAY_ERROR", what: "The relay connection failed.", advice: "The listener retries with increasing delays. If it keeps failing, check the connection string and this server's outbound access to *.servicebus.windows.net on port 443." },
};

const CERT_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

function keyOf(signal: RelaySignal | undefined): string {
  if (!signal) return "unknown";
  switch (signal.kind) {
    case "handshake":
      return signal.status >= 500 && signal.status <= 599 ? "handshake:5xx" : `handshake:${signal.status}`;
    case "close":
      return `close:${signal.code}`;
    case "network":
      return CERT_CODE.test(signal.code) ? "network:CERT" : `network:${signal.code}`;
    case "fault":
      return "listener:fault";
  }
}

function detail(signal: RelaySignal | undefined): string {
  if (!signal) return "";
  switch (signal.kind) {
    case "handshake":
      return ` (HTTP ${signal.status})`;
    case "close":
      return ` (close code ${signal.code})`;
    case "network":
      return ` (${signal.code})`;
    case "fault":
      return "";
  }
}

/** Classifies a relay signal (absent: the listener went down without saying why). */
export function classifyFailure(signal?: RelaySignal): Classification {
  const key = keyOf(signal);
  const row = TABLE[key];
  if (row) {
    const { what, ...rest } = row;
    return { ...rest, message: what };
  }
  const { what, ...rest } = TABLE.unknown!;
  return { ...rest, message: what.replace(/\.$/, `${detail(signal)}.`) };
}

/** The keys of the table, for tests that walk every row. */
export const CLASSIFICATION_KEYS: readonly string[] = Object.keys(TABLE);

/** A failure that is not a relay signal: the data-plane worker ended. */
export const WORKER_CRASHED: RelayError = {
  code: "RELAY_WORKER_RESTARTING",
  message: "The relay data plane stopped unexpectedly and is being restarted.",
  advice: "Listeners come back by themselves once it has restarted. If this repeats, look for 'fault' lines in the host log.",
};

/** Rotation gave up waiting for the new key's listener. */
export function rotationTimedOut(timeoutMs: number): RelayError {
  const seconds = Math.round(timeoutMs / 1000);
  return {
    code: "RELAY_ROTATION_TIMEOUT",
    message: `The listener with the new key did not come online within ${seconds} s.`,
    advice: "The old key stays in use. Check the relay status and this server's outbound access, then try again.",
    params: { seconds },
  };
}
