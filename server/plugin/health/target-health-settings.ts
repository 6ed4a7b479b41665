/**
 * Target health settings of one registration (docs/operations.md): what the plugin asks the local target, how often,
 * and when it counts as down. Stored with the registration; a record stored before these existed gets the defaults.
 */
import { inputProblem } from "../registrations/input-problem-texts";

/** How the plugin checks a registration's local target. */
export interface TargetHealthSettings {
  /** Check at all. Default true: an ONLINE listener in front of a dead service is what this feature exists to show. */
  enabled: boolean;
  /** HTTP method. Default HEAD: cheap for the service, no body to read. */
  method: "HEAD" | "GET" | "OPTIONS";
  /** Path below the target URL's base path. Default `/`. */
  path: string;
  /** Time between checks. Default 10 000 ms. */
  intervalMs: number;
  /** A check with no answer within this is failed. Default 5 000 ms. */
  timeoutMs: number;
  /** Consecutive failed checks that make the registration DEGRADED. Default 3 (one slow answer is no outage). */
  failures: number;
  /** Statuses that count as healthy, as ranges: `200-499,503`. Default `100-499`: anything that is not a server error. */
  healthyStatuses: string;
  /** Stop listening while the target is down, so the relay routes to other hosts of a farm. Default false. */
  withdrawOnFailure: boolean;
}

export const DEFAULT_TARGET_HEALTH: Readonly<TargetHealthSettings> = Object.freeze({
  enabled: true,
  method: "HEAD",
  path: "/",
  intervalMs: 10_000,
  timeoutMs: 5_000,
  failures: 3,
  healthyStatuses: "100-499",
  withdrawOnFailure: false,
});

/** The bounds of the numeric settings (inclusive). */
export const TARGET_HEALTH_BOUNDS = {
  intervalMs: { min: 100, max: 3_600_000 },
  timeoutMs: { min: 50, max: 60_000 },
  failures: { min: 1, max: 100 },
} as const;

const METHODS: ReadonlySet<string> = new Set(["HEAD", "GET", "OPTIONS"]);

/** Partial settings as a caller gives them (GraphQL input): absent or null keeps the current value. */
export type TargetHealthInput = { [K in keyof TargetHealthSettings]?: TargetHealthSettings[K] | null };

/** Applies `input` over `current` and checks every field; errors name `targetHealth.<field>` and say what is right. */
export function validTargetHealth(input: TargetHealthInput | null | undefined, current: TargetHealthSettings = DEFAULT_TARGET_HEALTH): TargetHealthSettings {
  const next: TargetHealthSettings = { ...current };
  if (!input) return next;
  for (const key of Object.keys(input) as Array<keyof TargetHealthSettings>) {
    const value = input[key];
    if (value !== null && value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  if (!METHODS.has(next.method)) throw inputProblem("targetHealth.method", "TARGET_HEALTH_METHOD", { method: JSON.stringify(String(next.method)).slice(0, 40) });
  next.path = validPath(next.path);
  for (const key of ["intervalMs", "timeoutMs", "failures"] as const) {
    const { min, max } = TARGET_HEALTH_BOUNDS[key];
    if (!Number.isInteger(next[key]) || next[key] < min || next[key] > max) {
      throw inputProblem(`targetHealth.${key}`, "TARGET_HEALTH_NUMBER", { setting: key, min, max, value: String(next[key]).slice(0, 40) });
    }
  }
  if (next.timeoutMs > next.intervalMs) {
    throw inputProblem("targetHealth.timeoutMs", "TARGET_HEALTH_TIMEOUT_OVER_INTERVAL", { timeoutMs: next.timeoutMs, intervalMs: next.intervalMs });
  }
  parseStatusRanges(next.healthyStatuses);
  return next;
}

/** A path of printable ASCII starting with `/`, at most 200 characters, no `..` segment (it stays below the target URL). */
function validPath(path: string): string {
  const trimmed = path.trim();
  if (!/^\/[\x21-\x7e]{0,199}$/.test(trimmed) || /(^|\/)\.\.(\/|$|\?)/.test(trimmed) || trimmed.includes("#")) {
    throw inputProblem("targetHealth.path", "TARGET_HEALTH_PATH");
  }
  return trimmed;
}

/** Parses `200-399,404` into ranges; throws a field error on anything else. */
export function parseStatusRanges(text: string): Array<[number, number]> {
  const ranges = text.split(",").map((part) => part.trim()).filter(Boolean).map((part) => {
    const match = /^(\d{3})(?:-(\d{3}))?$/.exec(part);
    const low = match ? Number(match[1]) : NaN;
    const high = match ? Number(match[2] ?? match[1]) : NaN;
    if (!match || low < 100 || high > 599 || low > high) {
      throw inputProblem("targetHealth.healthyStatuses", "TARGET_HEALTH_STATUSES", { statuses: JSON.stringify(text).slice(0, 80) });
    }
    return [low, high] as [number, number];
  });
  if (ranges.length === 0) throw inputProblem("targetHealth.healthyStatuses", "TARGET_HEALTH_STATUSES_EMPTY");
  return ranges;
}

/** The stored settings of a record, or the defaults for a record stored before they existed. */
export function targetHealthOf(record: { targetHealth?: TargetHealthSettings }): TargetHealthSettings {
  return { ...DEFAULT_TARGET_HEALTH, ...record.targetHealth };
}
