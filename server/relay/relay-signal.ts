/** Turns what the ws client reports into the plain `RelaySignal` the supervisor classifies (protocol.ts). */
import type { RelaySignal } from "./protocol";

/** ws reports a refused handshake only as this text; the relay's status line reason never reaches us. */
const HANDSHAKE_REFUSED = /Unexpected server response: (\d{3})/;

export function signalFromError(error: unknown): RelaySignal {
  const err = error as { message?: unknown; code?: unknown } | null;
  const message = typeof err?.message === "string" ? err.message : String(error);
  const refused = HANDSHAKE_REFUSED.exec(message);
  if (refused) return { kind: "handshake", status: Number(refused[1]) };
  const code = typeof err?.code === "string" ? err.code : "ERELAY";
  return { kind: "network", code, message: redact(message) };
}

/** A throw inside the listener (already redacted text). */
export function signalFromFault(message: string): RelaySignal {
  return { kind: "fault", message };
}

export function signalFromClose(code: number, reason: unknown): RelaySignal {
  const text = Buffer.isBuffer(reason) ? reason.toString("utf8") : typeof reason === "string" ? reason : "";
  return { kind: "close", code, reason: redact(text) };
}

/** Events carry no secrets: strip anything shaped like a SAS token or a key from relay-provided text. */
export function redact(text: string): string {
  return text
    .replace(/SharedAccessSignature\s+\S+/gi, "SharedAccessSignature [redacted]")
    .replace(/(sig|sb-hc-token|SharedAccessKey)=[^&;\s]+/gi, "$1=[redacted]");
}
