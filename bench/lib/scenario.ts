/** What every scenario gets and gives back; plus goal verdicts, so each scenario states its goals in one place. */
import type { EmulatorChild, TargetChild } from "./stack";
import type { Row } from "./table";

export interface BenchContext {
  quick: boolean;
  /** A progress line on stderr (stdout is reserved for the table). */
  progress(message: string): void;
  /** Shared by all scenarios: one relay emulator and one target, each in its own process. */
  emulator: EmulatorChild;
  target: TargetChild;
  /** When set, host children run with --cpu-prof and write their profiles here. */
  profileDir?: string;
  /** How long the farm scenario keeps Redis down (`--redis-down SEC`); default 30 s, 10 s with --quick. */
  redisDownSec?: number;
}

export interface ScenarioOutput {
  rows: Row[];
  /** Flat JSON figures with stable keys, e.g. `relay.smallGet.ratioPluginToBare`. */
  metrics: Record<string, number | string | boolean>;
}

export interface Scenario {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<ScenarioOutput>;
}

export interface Goal {
  op: "<" | "<=" | ">=" | ">";
  limit: number;
  unit?: string;
}

export function goalText(goal: Goal): string {
  return `${goal.op.replace("<=", "≤").replace(">=", "≥")} ${goal.limit}${goal.unit ? ` ${goal.unit}` : ""}`;
}

/** "met" / "NOT met" / "n/a" (not measured). */
export function verdict(value: number, goal: Goal): string {
  if (!Number.isFinite(value)) return "n/a";
  const ok = goal.op === "<" ? value < goal.limit : goal.op === "<=" ? value <= goal.limit : goal.op === ">=" ? value >= goal.limit : value > goal.limit;
  return ok ? "met" : "NOT met";
}

/** A table row for a figure with a goal. */
export function goalRow(scenario: string, metric: string, value: number, goal: Goal): Row {
  return { scenario, metric, value, goal: goalText(goal), verdict: verdict(value, goal) };
}

/** Runs `fn` with a deadline; the scenario decides what a timeout means (usually: report n/a and move on). */
export async function withTimeout<T>(label: string, ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([fn(), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${label}: no result within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
