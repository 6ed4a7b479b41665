/** The listener-side shapes of the relay's JSON messages (docs/relay-protocol-notes.md §3), parsed defensively. */

export interface RequestCommand {
  /** Rendezvous address: where to fetch this request (address-only form) or to answer it instead of the control channel. */
  address: string;
  id: string;
  /** Absent in the address-only form ("fetch it via rendezvous"). */
  method?: string;
  requestTarget?: string;
  requestHeaders?: Record<string, unknown>;
  remoteEndpoint?: { address?: unknown; port?: unknown };
  /** Whether one binary message with the body follows the JSON. */
  body?: boolean;
}

export interface AcceptCommand {
  address: string;
  id: string;
  connectHeaders?: Record<string, unknown>;
  remoteEndpoint?: { address?: unknown; port?: unknown };
}

export type RelayCommand = { kind: "request"; request: RequestCommand } | { kind: "accept"; accept: AcceptCommand } | { kind: "other" };

/** Parses a text message from the relay; anything unknown or malformed is `other` (ignored, never thrown). */
export function parseCommand(text: string): RelayCommand {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { kind: "other" };
  }
  if (!message || typeof message !== "object") return { kind: "other" };
  const { request, accept } = message as { request?: unknown; accept?: unknown };
  if (isAddressed(request)) return { kind: "request", request: request as RequestCommand };
  if (isAddressed(accept)) return { kind: "accept", accept: accept as AcceptCommand };
  return { kind: "other" };
}

function isAddressed(value: unknown): boolean {
  if (!value || typeof value !== "object") return false;
  const { address, id } = value as { address?: unknown; id?: unknown };
  return typeof address === "string" && typeof id === "string";
}

/** The sender's IP from `remoteEndpoint`, if the relay gave one. */
export function clientAddressOf(command: { remoteEndpoint?: { address?: unknown } }): string | undefined {
  const address = command.remoteEndpoint?.address;
  return typeof address === "string" && address !== "" ? address : undefined;
}

/** Relay header object → Node-style lower-cased headers; names differing only in case are joined with ", ". */
export function nodeHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== "object") return out;
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined || raw === null) continue;
    const value = Array.isArray(raw) ? raw.map(String).join(", ") : String(raw);
    const lower = name.toLowerCase();
    out[lower] = lower in out ? `${out[lower]}, ${value}` : value;
  }
  return out;
}
