/**
 * WebSocket senders (`/$hc/{path}?sb-hc-action=connect`) reach a listener as an `accept` command on its control
 * channel (relay-protocol-notes.md §3). hyco-https 1.4.5 cannot take one: its accept path throws `ReferenceError:
 * Extensions is not defined` inside ws's message dispatch, which used to leave the control channel's frame parser
 * stuck — the listener looked ONLINE while every later request timed out. So accepts are taken off the control
 * channel before hyco-https sees them (message-guard.ts) and answered here. The hyco-https engine refuses them the
 * way the protocol lets a listener reject: it dials the accept address with `sb-hc-statusCode` and
 * `sb-hc-statusDescription`; the relay answers that dial with 410 and fails the sender's handshake with our status.
 * An engine that can serve WebSockets (issue 10's native engine) passes its own `AcceptHandler` instead.
 */
import WebSocket from "ws";

/** An `accept` command as the relay sends it. */
export interface AcceptCommand {
  /** Single-use rendezvous address, valid for about 30 s. */
  address: string;
  id: string;
  connectHeaders: Record<string, string>;
  remoteEndpoint?: { address?: string; port?: number };
}

/** What a listener does with a WebSocket sender. A throw counts as a fault of the listener (it is recycled). */
export type AcceptHandler = (accept: AcceptCommand) => void;

export interface AcceptRefusal {
  /** HTTP status the sender's WebSocket handshake fails with (the relay passes 400–599 on). */
  status: number;
  /** Reason text the sender sees. Never secret: it is public. */
  description: string;
}

/** The hyco-https engine's answer to every WebSocket sender: it implements no WebSocket pass-through. */
export const WEBSOCKETS_UNSUPPORTED: AcceptRefusal = Object.freeze({
  status: 501,
  description: "WebSocket senders are not supported by this listener engine",
});

/** At most this many rejections are being dialled at once per listener; a flood beyond it is left to the relay's accept timeout. */
export const MAX_PENDING_REFUSALS = 32;
/** A rejection dial that has not been answered by then is dropped. */
const REFUSAL_TIMEOUT_MS = 10_000;

/**
 * The accept command in a control-channel text message: `undefined` when the message is something else (a
 * request, a renewal), `null` when it is an accept too malformed to answer (it is dropped: hyco-https would throw).
 * Requests pay one substring search (plus a parse when a header is literally named "accept").
 */
export function acceptIn(text: string): AcceptCommand | null | undefined {
  if (!text.includes('"accept"')) return undefined;
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined; // not ours to judge: hyco-https's own parse fails and that is handled as a fault
  }
  const accept = (message as { accept?: unknown } | null)?.accept;
  if (accept === undefined || accept === null) return undefined;
  const a = accept as Partial<AcceptCommand>;
  if (typeof a.address !== "string" || typeof a.id !== "string") return null;
  return { address: a.address, id: a.id, connectHeaders: typeof a.connectHeaders === "object" && a.connectHeaders ? a.connectHeaders : {}, remoteEndpoint: a.remoteEndpoint };
}

/** The accept address with the rejection parameters appended (the address itself is used unchanged, as the protocol asks). */
export function rejectionAddress(address: string, refusal: AcceptRefusal): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  if (url.protocol !== "ws:" && url.protocol !== "wss:") return undefined;
  const params = `sb-hc-statusCode=${refusal.status}&sb-hc-statusDescription=${encodeURIComponent(refusal.description)}`;
  return `${address}${address.includes("?") ? "&" : "?"}${params}`;
}

/** A listener's rejection dials: bounded in number and time, all closed at teardown. */
export class AcceptRefusals {
  private readonly pending = new Set<WebSocket>();

  /** Rejects one sender. Never throws; a rejection that cannot be dialled leaves the sender to the relay's timeout. */
  refuse(accept: AcceptCommand, refusal: AcceptRefusal = WEBSOCKETS_UNSUPPORTED): void {
    if (this.pending.size >= MAX_PENDING_REFUSALS) return;
    const address = rejectionAddress(accept.address, refusal);
    if (!address) return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(address, { perMessageDeflate: false, handshakeTimeout: REFUSAL_TIMEOUT_MS, followRedirects: false });
    } catch {
      return;
    }
    this.pending.add(ws);
    ws.on("error", () => undefined); // the relay answers a rejection with 410 Gone: expected, nothing to report
    ws.on("open", () => ws.terminate()); // a relay that splices anyway gets nothing from us
    ws.once("close", () => this.pending.delete(ws));
  }

  get size(): number {
    return this.pending.size;
  }

  closeAll(): void {
    for (const ws of this.pending) ws.terminate();
    this.pending.clear();
  }
}
