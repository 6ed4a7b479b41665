/** The reference host's recent log lines (contract 2.2 `log`): a fixed-size ring of lines as written (already redacted). */
import type { HostLog } from "../contract";

export interface LogRing extends HostLog {
  push(line: string): void;
}

/**
 * A ring of the last `size` lines. `ECS_LOG_RECENT_LINES` sets it in host.ts; default 500 (a few minutes of a
 * busy host at info level, about 100 kB).
 */
export function createLogRing(size = 500): LogRing {
  const lines: string[] = new Array<string>(size);
  let next = 0;
  let count = 0;
  return {
    push(line) {
      lines[next] = line;
      next = (next + 1) % size;
      count = Math.min(count + 1, size);
    },
    recent(limit) {
      const n = Math.max(0, Math.min(Math.floor(limit) || 0, count));
      const out: string[] = [];
      for (let i = n; i > 0; i--) out.push(lines[(next - i + size) % size]!);
      return out;
    },
  };
}
