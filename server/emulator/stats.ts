/** Per-hybrid-connection counters for `GET /$emulator/stats`. */
export interface HcCounters {
  requests: number;
  bytesIn: number;
  bytesOut: number;
  errors: number;
}

export class Stats {
  private readonly byHc = new Map<string, HcCounters>();

  of(hc: string): HcCounters {
    let c = this.byHc.get(hc);
    if (!c) this.byHc.set(hc, (c = { requests: 0, bytesIn: 0, bytesOut: 0, errors: 0 }));
    return c;
  }
  forget(hc: string): void {
    this.byHc.delete(hc);
  }
}
