/**
 * Service-made rendezvous addresses (`sb-hc-action=request|accept&sb-hc-id=ID`): single-use and short-lived
 * (~60 s request, ~30 s accept: relay-protocol-notes.md §3, checklist 19). The owner gets the raw upgrade and completes or refuses it.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

export type RendezvousKind = "request" | "accept";
export const RENDEZVOUS_TTL_MS: Record<RendezvousKind, number> = { request: 60_000, accept: 30_000 };

export interface RendezvousEntry {
  kind: RendezvousKind;
  hybridConnection: string;
  onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void;
  /** The address expired unused. */
  onExpire?(): void;
}

export class RendezvousRegistry {
  private readonly entries = new Map<string, { entry: RendezvousEntry; timer: NodeJS.Timeout }>();

  has(id: string): boolean {
    return this.entries.has(id);
  }

  register(id: string, entry: RendezvousEntry, ttlMs = RENDEZVOUS_TTL_MS[entry.kind]): void {
    this.release(id);
    const timer = setTimeout(() => {
      this.entries.delete(id);
      entry.onExpire?.();
    }, ttlMs).unref();
    this.entries.set(id, { entry, timer });
  }

  /** Single use: the entry is gone once claimed. Kind and entity must match the URL used. */
  claim(id: string, kind: RendezvousKind, hybridConnection: string): RendezvousEntry | undefined {
    const e = this.entries.get(id);
    if (!e || e.entry.kind !== kind || e.entry.hybridConnection.toLowerCase() !== hybridConnection.toLowerCase()) return undefined;
    this.release(id);
    return e.entry;
  }

  release(id: string): void {
    const e = this.entries.get(id);
    if (e) clearTimeout(e.timer);
    this.entries.delete(id);
  }

  clear(): void {
    for (const id of [...this.entries.keys()]) this.release(id);
  }
}
