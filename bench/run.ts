/**
 * `npm run bench [-- --quick] [--json FILE] [--only relay,stream,…] [--profile DIR] [--redis-down SEC]`
 * Starts the shared processes (relay emulator, target), runs each scenario, prints one Markdown table on stdout
 * (progress on stderr) and, with --json, the same figures under stable keys. Every child process is stopped at the
 * end, on failure, and on Ctrl-C.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { stopAll } from "./lib/processes";
import type { BenchContext, Scenario } from "./lib/scenario";
import { startEmulatorChild, startTargetChild, type EmulatorChild, type TargetChild } from "./lib/stack";
import { renderReport, type MachineInfo, type Row } from "./lib/table";
import { SCENARIOS } from "./scenarios";

interface Args {
  quick: boolean;
  json?: string;
  only?: string[];
  profile?: string;
  /** The relay engine of the plugin hosts (scenario 1 measures both side by side regardless). */
  engine?: string;
  /** Seconds the farm scenario keeps Redis down (default 30, quick 10). */
  redisDownSec?: number;
}

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") args.quick = true;
    else if (a === "--json") args.json = argv[++i];
    else if (a === "--only") args.only = (argv[++i] ?? "").split(",").filter(Boolean);
    else if (a === "--profile") args.profile = argv[++i];
    else if (a === "--engine") args.engine = argv[++i];
    else if (a === "--redis-down") args.redisDownSec = Number(argv[++i]);
    else throw new Error(`unknown argument ${a} (use --quick, --json FILE, --only ids, --profile DIR, --engine native|hyco-https, --redis-down SEC)`);
  }
  if (args.json === undefined && argv.includes("--json")) throw new Error("--json needs a file name");
  if (args.engine !== undefined && args.engine !== "native" && args.engine !== "hyco-https") throw new Error("--engine needs native or hyco-https");
  if (args.redisDownSec !== undefined && !(Number.isFinite(args.redisDownSec) && args.redisDownSec >= 1 && args.redisDownSec <= 600)) throw new Error("--redis-down needs seconds from 1 to 600");
  return args;
}

function machine(args: Args): MachineInfo {
  const mode = `${args.quick ? "quick" : "full"}${args.engine ? `, engine ${args.engine}` : ""}`;
  return { cpuModel: os.cpus()[0]?.model.trim() ?? "unknown", cores: os.cpus().length, node: process.version, date: new Date().toISOString(), mode };
}

const progress = (message: string) => process.stderr.write(`${message}\n`);

async function runScenarios(ctx: BenchContext, scenarios: readonly Scenario[]): Promise<{ rows: Row[]; metrics: Record<string, unknown> }> {
  const rows: Row[] = [];
  const metrics: Record<string, unknown> = {};
  for (const scenario of scenarios) {
    const started = Date.now();
    progress(`${scenario.title} …`);
    try {
      const out = await scenario.run(ctx);
      rows.push(...out.rows);
      Object.assign(metrics, out.metrics);
    } catch (error) {
      // One scenario failing must not cost the others' figures: report it in the table and go on.
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      progress(`  FAILED: ${error instanceof Error ? error.stack : message}`);
      rows.push({ scenario: scenario.title, metric: "FAILED", value: message });
      metrics[`${scenario.id}.error`] = message;
    }
    progress(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  return { rows, metrics };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const scenarios = SCENARIOS.filter((s) => !args.only || args.only.includes(s.id));
  const info = machine(args);
  if (args.engine) process.env.BENCH_ENGINE = args.engine;
  let emulator: EmulatorChild | undefined;
  let target: TargetChild | undefined;
  const stopOnSignal = () => void stopAll([target, emulator]).finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    progress(`bench (${info.mode}) on ${info.cpuModel}, ${info.cores} cores, Node ${info.node}`);
    [emulator, target] = await Promise.all([startEmulatorChild(), startTargetChild()]);
    const ctx: BenchContext = { quick: args.quick, progress, emulator, target, profileDir: args.profile, redisDownSec: args.redisDownSec };
    const { rows, metrics } = await runScenarios(ctx, scenarios);
    process.stdout.write(renderReport(info, rows));
    if (args.json) writeFileSync(args.json, `${JSON.stringify({ machine: info, metrics: jsonSafe(metrics) }, null, 2)}\n`);
  } finally {
    await stopAll([emulator, target]);
  }
}

/** NaN (not measured) becomes null in JSON; keys stay, so consumers can rely on them. */
function jsonSafe(metrics: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, typeof v === "number" && !Number.isFinite(v) ? null : v]));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    progress(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  });
}
