/**
 * Memory and CPU of another process, read from /proc (Linux). Worker threads share their process, so the host's
 * figures include its data-plane worker. CPU is utime+stime in clock ticks; a share is ticks over wall time.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

let clockTicks: number | undefined;

/** Clock ticks per second (`getconf CLK_TCK`, 100 on every Linux we run on). */
export function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** `VmRSS` and `VmHWM` (peak RSS) in MiB. */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: kib("VmRSS") / 1024, peakMiB: kib("VmHWM") / 1024 };
}

/**
 * Resets the peak-RSS mark (`echo 5 > /proc/PID/clear_refs`), so the next `peakMiB` is the peak of one phase only.
 * Returns false where the kernel refuses; callers then fall back to sampling.
 */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may contain spaces and parentheses: fields are counted from after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
}

/** Measures the CPU share (1.0 = one full core) of several processes over one span of wall time. */
export class CpuMeter {
  private readonly start = new Map<number, number>();
  private readonly startedAt = process.hrtime.bigint();

  constructor(private readonly pids: readonly number[]) {
    for (const pid of pids) this.start.set(pid, safeCpu(pid));
  }

  /** Share of one core per pid since construction. */
  shares(): Map<number, number> {
    const wall = Number(process.hrtime.bigint() - this.startedAt) / 1e9;
    const out = new Map<number, number>();
    for (const pid of this.pids) out.set(pid, wall > 0 ? (safeCpu(pid) - (this.start.get(pid) ?? 0)) / wall : Number.NaN);
    return out;
  }
}

function safeCpu(pid: number): number {
  try {
    return cpuSecondsOf(pid);
  } catch {
    return Number.NaN; // the process is gone
  }
}

/** Samples VmRSS every `everyMs` and keeps the maximum: the fallback where `resetPeak` is not allowed. */
export class RssSampler {
  maxMiB = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number, everyMs = 50) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.maxMiB;
  }

  private sample(): void {
    try {
      this.maxMiB = Math.max(this.maxMiB, memoryOf(this.pid).rssMiB);
    } catch {
      /* gone: keep what we saw */
    }
  }
}
