/** Fault injection state for tests (admin API `/$emulator/faults/*`). Dropping and expiring act at once, elsewhere. */
export interface ResponseFault {
  /** Hold each response this long before the sender sees it (counts against the response timeout). */
  delayMs: number;
  /** Swallow the response: the sender gets the 504 timeout. */
  drop: boolean;
  /** How many responses are affected; undefined = until cleared. */
  remaining?: number;
}

export class Faults {
  private readonly refuse = new Map<string, { untilMs: number; status: number }>();
  private readonly responses = new Map<string, ResponseFault>();
  /** Paused control channels (`black-hole`): resumed by `clear`, so they notice a close that came meanwhile. */
  private readonly blackHoled = new Set<{ pause(): void; resume(): void }>();

  blackHole(socket: { pause(): void; resume(): void }): void {
    socket.pause();
    this.blackHoled.add(socket);
  }

  refuseListeners(hc: string, seconds: number, status = 503): void {
    this.refuse.set(hc, { untilMs: Date.now() + seconds * 1000, status });
  }
  /** The status to refuse a new listener with, if a refusal is active. */
  listenerRefusal(hc: string): number | undefined {
    const r = this.refuse.get(hc);
    if (!r) return undefined;
    if (Date.now() < r.untilMs) return r.status;
    this.refuse.delete(hc);
    return undefined;
  }

  setResponseFault(hc: string, fault: ResponseFault): void {
    this.responses.set(hc, fault);
  }
  /** Consumes one use of the response fault, if any. */
  takeResponseFault(hc: string): ResponseFault | undefined {
    const f = this.responses.get(hc);
    if (!f) return undefined;
    if (f.remaining !== undefined && --f.remaining <= 0) this.responses.delete(hc);
    return f;
  }

  clear(): void {
    this.refuse.clear();
    this.responses.clear();
    for (const socket of this.blackHoled) socket.resume();
    this.blackHoled.clear();
  }
}
