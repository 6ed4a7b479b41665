/**
 * Reads listener responses off a WebSocket (control channel or rendezvous): a `response` JSON text message, then, if
 * `body:true`, exactly one binary message, streamed fragment by fragment when `fragment-tap` is active. Binary
 * messages nobody waits for (hyco-https sends a stray empty one after HEAD/204/304) are ignored (checklist 13).
 */
import type WebSocket from "ws";
import { tapBinaryFragments } from "../relay/native/fragment-tap"; // one tap of ws 8's receiver for both sides of the protocol

export interface RelayResponseHead {
  requestId: string;
  statusCode: number;
  statusDescription?: string;
  responseHeaders: Record<string, unknown>;
  body: boolean;
}
export interface ResponseSink {
  head(head: RelayResponseHead): void;
  bodyChunk(data: Buffer): void;
  /** The body message is complete (end the sender's response here, not at socket close: checklist 15). */
  bodyEnd(): void;
}

const DISCARD: ResponseSink = { head: () => undefined, bodyChunk: () => undefined, bodyEnd: () => undefined };

export function toBuffer(data: WebSocket.RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

export class ResponseReader {
  private awaitingBody?: ResponseSink;

  /** `lookup` finds who waits for a request id; responses nobody waits for are consumed and dropped. */
  constructor(private readonly lookup: (requestId: string) => ResponseSink | undefined) {}

  /** Routes the socket's messages here; `onOtherJson` gets text messages that are not responses. */
  attach(ws: WebSocket, onOtherJson: (msg: unknown) => void, onBadText: () => void): void {
    tapBinaryFragments(ws, (data) => this.awaitingBody?.bodyChunk(data));
    ws.on("message", (data, isBinary) => {
      if (isBinary) return this.onBinaryMessage(toBuffer(data));
      let msg: unknown;
      try {
        msg = JSON.parse(toBuffer(data).toString("utf8"));
      } catch {
        return onBadText();
      }
      if (!this.onJson(msg)) onOtherJson(msg);
    });
  }

  /** A parsed text message; returns false if it is not a `response`. */
  onJson(message: unknown): boolean {
    const r = (message as { response?: Record<string, unknown> } | null)?.response;
    if (!r || typeof r !== "object") return false;
    const head: RelayResponseHead = {
      requestId: String(r.requestId ?? ""),
      // Both clients send a number; the doc sample shows a string: accept both.
      statusCode: Number(r.statusCode ?? 200) || 200,
      statusDescription: typeof r.statusDescription === "string" ? r.statusDescription : undefined,
      responseHeaders: (r.responseHeaders as Record<string, unknown>) ?? {},
      body: r.body === true,
    };
    const sink = this.lookup(head.requestId) ?? DISCARD;
    this.awaitingBody = head.body ? sink : undefined;
    sink.head(head);
    return true;
  }

  /** End of a binary message; `rest` holds whatever the tap did not stream (all of it without the tap). */
  private onBinaryMessage(rest: Buffer): void {
    const sink = this.awaitingBody;
    this.awaitingBody = undefined;
    if (!sink) return;
    if (rest.length) sink.bodyChunk(rest);
    sink.bodyEnd();
  }
}

const NOT_FORWARDED = new Set(["connection", "content-length", "transfer-encoding", "keep-alive", "upgrade", "te", "trailer", "close"]);

/** The listener's headers for the sender: framing is the relay's own; `Via: {namespace host}` added (checklist 14). */
export function senderHeaders(h: RelayResponseHead, namespaceHost: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(h.responseHeaders)) {
    if (NOT_FORWARDED.has(k.toLowerCase()) || v === undefined || v === null) continue;
    out[k] = Array.isArray(v) ? v.map(String) : String(v);
  }
  const via = Object.keys(out).find((k) => k.toLowerCase() === "via");
  if (via) out[via] = `${out[via]}, ${namespaceHost}`;
  else out["Via"] = namespaceHost;
  return out;
}
