/**
 * What `npm start` / `npm run farm` started, stopped in reverse order on SIGINT or SIGTERM, then exit 0. The handlers
 * are installed at construction, before anything starts: a signal during start-up must still stop what already runs.
 */
export interface Stoppable {
  stop(): Promise<void>;
}

export class RunningParts {
  private readonly parts: Stoppable[] = [];
  private stopRequested = false;

  /** `what` names the parts in the goodbye line, e.g. "host, emulator and sample service". */
  constructor(private readonly what: string) {
    process.on("SIGINT", () => void this.stopAll(0, "SIGINT"));
    process.on("SIGTERM", () => void this.stopAll(0, "SIGTERM"));
  }

  /** True once a signal asked to stop: start-up should not go on. */
  get stopping(): boolean {
    return this.stopRequested;
  }

  /** Remembers `part` for the shutdown; returns it. */
  add<T extends Stoppable>(part: T): T {
    this.parts.push(part);
    return part;
  }

  /** Stops every part (last started first), then exits with `code`; `reason` (e.g. the signal) is printed. Once only. */
  async stopAll(code: number, reason?: string): Promise<void> {
    if (this.stopRequested) return;
    this.stopRequested = true;
    console.log(`\n${reason ? `${reason}: ` : ""}stopping ${this.what}…`);
    for (const part of this.parts.reverse()) await part.stop().catch(() => undefined);
    process.exit(code);
  }
}
