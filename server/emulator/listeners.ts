/** Connected listener control channels, per hybrid connection (max 25, random pick: relay-protocol-notes.md §4). */
import { randomUUID } from "node:crypto";
import type WebSocket from "ws";
import type { ResponseSink } from "./response-reader";

export const MAX_LISTENERS_PER_ENDPOINT = 25;
/**
 * Slack after a token's `se` before the channel is closed (relay-protocol-notes.md, checklist 5: "small grace"), for clock skew and so a
 * renewal sent right at expiry still counts. Refused-at-connect checks use no grace.
 */
export const TOKEN_GRACE_MS = 1000;
/** setTimeout's ceiling; longer tokens are re-armed when the timer fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A request waiting for its response on this listener's control channel. */
export interface PendingExchange extends ResponseSink {
  /** The control channel went away: fail unless the exchange continues on a rendezvous socket. */
  listenerGone(): void;
}

/** Optional Azure-like connection limits; 0 = off. */
export interface ListenerTimers {
  /** Drop (no close frame, like a load balancer) after this long without traffic either way. Azure: ~240 000. */
  idleTimeoutMs: number;
  /** Close with 1001 after this long, like Azure's periodic recycle (~24 h). */
  recycleMs: number;
}

export class RelayListener {
  /** Tracking GUID of this control channel. */
  readonly id = randomUUID();
  readonly pending = new Map<string, PendingExchange>();
  private expiryTimer?: NodeJS.Timeout;
  private idleTimer?: NodeJS.Timeout;
  private recycleTimer?: NodeJS.Timeout;
  private expiresAtMs = 0;

  constructor(
    readonly hybridConnection: string,
    readonly ws: WebSocket,
    expiresAtMs: number,
    private readonly limits: ListenerTimers = { idleTimeoutMs: 0, recycleMs: 0 },
  ) {
    this.setExpiry(expiresAtMs);
    if (limits.recycleMs > 0) this.recycleTimer = setTimeout(() => this.close(1001, "Recycled"), limits.recycleMs).unref();
    this.touch();
  }

  /** Any frame in or out counts as traffic for the idle drop. */
  touch(): void {
    if (this.limits.idleTimeoutMs <= 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.ws.terminate(), this.limits.idleTimeoutMs).unref();
  }

  /** Called at connect and on each accepted `renewToken`: the channel closes 1008 when the token runs out. */
  setExpiry(expiresAtMs: number): void {
    this.expiresAtMs = expiresAtMs;
    clearTimeout(this.expiryTimer);
    const arm = () => {
      const left = this.expiresAtMs + TOKEN_GRACE_MS - Date.now();
      if (left <= 0) return this.close(1008, "Token expired");
      this.expiryTimer = setTimeout(arm, Math.min(left, MAX_TIMER_MS)).unref();
    };
    arm();
  }

  send(data: string | Buffer, binary = false): void {
    this.touch();
    this.ws.send(data, { binary });
  }

  close(code: number, reason: string): void {
    this.clearTimers();
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(code, reason);
  }

  private clearTimers(): void {
    [this.expiryTimer, this.idleTimer, this.recycleTimer].forEach(clearTimeout);
  }

  /** After the socket closed. */
  disposed(): void {
    this.clearTimers();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.listenerGone();
  }
}

export class ListenerRegistry {
  private readonly byHc = new Map<string, Set<RelayListener>>();

  add(l: RelayListener): void {
    const set = this.byHc.get(l.hybridConnection) ?? new Set();
    set.add(l);
    this.byHc.set(l.hybridConnection, set);
  }
  remove(l: RelayListener): void {
    const set = this.byHc.get(l.hybridConnection);
    set?.delete(l);
    if (set?.size === 0) this.byHc.delete(l.hybridConnection);
  }
  count(hc: string): number {
    return this.byHc.get(hc)?.size ?? 0;
  }
  list(hc: string): RelayListener[] {
    return [...(this.byHc.get(hc) ?? [])];
  }
  all(): RelayListener[] {
    return [...this.byHc.values()].flatMap((s) => [...s]);
  }
  /** Uniformly random among live channels (Azure: random, best-effort fair). */
  pick(hc: string): RelayListener | undefined {
    const live = this.list(hc).filter((l) => l.ws.readyState === l.ws.OPEN);
    return live.length ? live[Math.floor(Math.random() * live.length)] : undefined;
  }
  closeAll(hc: string, code: number, reason: string): number {
    const list = this.list(hc);
    list.forEach((l) => l.close(code, reason));
    return list.length;
  }
}
