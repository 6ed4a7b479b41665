/**
 * The relay tells the listener each sender's address (`request.remoteEndpoint`), but hyco-https drops it. We read
 * it from the same WebSocket messages (a listener placed before hyco-https's own) and keep it by request id until
 * the request handler asks, so X-Forwarded-For can carry the real client.
 */
import type { RelayWebSocket } from "./hyco-internals";

/** Entries the handler never claims (e.g. a request hyco-https failed to dispatch) must not pile up. */
const MAX_ENTRIES = 1000;

export class RemoteEndpoints {
  private readonly byRequestId = new Map<string, string>();

  /** Starts reading request messages on a control channel or rendezvous socket. Returns the undo. */
  watch(ws: RelayWebSocket): () => void {
    const onMessage = (data: unknown): void => this.capture(data);
    ws.prependListener("message", onMessage);
    return () => ws.off("message", onMessage);
  }

  /** The sender address of that request, once (the entry is removed). */
  take(requestId: string | null | undefined): string | undefined {
    if (!requestId) return undefined;
    const address = this.byRequestId.get(requestId);
    this.byRequestId.delete(requestId);
    return address;
  }

  private capture(data: unknown): void {
    if (typeof data !== "string" || !data.includes('"remoteEndpoint"')) return; // bodies arrive as binary
    try {
      const request = (JSON.parse(data) as { request?: { id?: unknown; remoteEndpoint?: { address?: unknown } } }).request;
      const address = request?.remoteEndpoint?.address;
      if (typeof request?.id !== "string" || typeof address !== "string" || address === "") return;
      if (this.byRequestId.size >= MAX_ENTRIES) this.byRequestId.delete(this.byRequestId.keys().next().value as string);
      this.byRequestId.set(request.id, address);
    } catch {
      // Not ours to judge: hyco-https parses the same message right after us.
    }
  }
}
