/**
 * Node's socket and DNS error codes (`ECONNREFUSED` …) in words an admin understands. The server keeps sending the
 * code itself (`{reason}`, the raw fallback) and names it as `reasonCode`; the tab translates `reason.<CODE>` from its
 * server-message catalogues. A code not listed here is shown as sent.
 */
export const SOCKET_ERROR_TEXTS = {
  ECONNREFUSED: "the connection was refused (ECONNREFUSED)",
  ECONNRESET: "the connection was reset (ECONNRESET)",
  ECONNABORTED: "the connection was aborted (ECONNABORTED)",
  ETIMEDOUT: "the connection timed out (ETIMEDOUT)",
  EHOSTUNREACH: "the host cannot be reached (EHOSTUNREACH)",
  ENETUNREACH: "the network cannot be reached (ENETUNREACH)",
  EPIPE: "the connection was closed while sending (EPIPE)",
  ENOTFOUND: "the name does not resolve (ENOTFOUND)",
  EAI_AGAIN: "DNS did not answer in time (EAI_AGAIN)",
  EPROTO: "the TLS handshake failed (EPROTO)",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)",
  SELF_SIGNED_CERT_IN_CHAIN: "its TLS certificate chain is self-signed (SELF_SIGNED_CERT_IN_CHAIN)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate cannot be verified (UNABLE_TO_VERIFY_LEAF_SIGNATURE)",
  CERT_HAS_EXPIRED: "its TLS certificate has expired (CERT_HAS_EXPIRED)",
  ERR_TLS_CERT_ALTNAME_INVALID: "its TLS certificate is for another name (ERR_TLS_CERT_ALTNAME_INVALID)",
  NO_ANSWER: "no answer",
} as const;

export type SocketErrorCode = keyof typeof SOCKET_ERROR_TEXTS;

/** `{ reason, reasonCode }` for an error's code: the code as the raw reason, and as `reasonCode` when it has a text. */
export function socketReason(code: string | undefined, fallback: string): { reason: string; reasonCode?: string } {
  const reason = code ?? fallback;
  return code && code in SOCKET_ERROR_TEXTS ? { reason, reasonCode: code } : { reason };
}
