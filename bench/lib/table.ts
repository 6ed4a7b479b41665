/** Markdown rendering of the benchmark report: a machine header and one table of figures. Pure functions. */

export interface Row {
  /** Scenario label, e.g. "1. relay throughput". */
  scenario: string;
  /** What was measured, e.g. "small GET req/s (plugin)". */
  metric: string;
  /** The figure; a number is formatted, a string is printed as is. */
  value: number | string;
  /** Goal from the issue, e.g. "≥ 0.95", or "" when there is none. */
  goal?: string;
  /** "met" / "NOT met" / "" — decided by the scenario, which knows the goal's direction. */
  verdict?: string;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  node: string;
  date: string;
  mode: string;
}

/** Formats a number with at most `digits` decimals and no trailing zeros; "n/a" for NaN/∞. */
export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return "n/a";
  const abs = Math.abs(value);
  // Small figures (seconds, ratios below 1) keep one more decimal so 0.012 s does not print as 0.01.
  const d = abs >= 1000 ? 0 : abs >= 100 ? Math.min(digits, 1) : abs < 1 && abs > 0 ? digits + 1 : digits;
  return Number(value.toFixed(d)).toString();
}

/** Escapes the one character that would break a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A GitHub-flavoured Markdown table; columns are padded so the raw text reads well too. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [headers, ...rows].map((r) => r.map(cell));
  const widths = headers.map((_, i) => Math.max(3, ...all.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) => `| ${widths.map((w, i) => (r[i] ?? "").padEnd(w)).join(" | ")} |`;
  const rule = `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`;
  return [line(all[0]), rule, ...all.slice(1).map(line)].join("\n");
}

export function machineHeader(m: MachineInfo): string {
  return [
    `**Machine:** ${m.cpuModel}, ${m.cores} cores · **Node** ${m.node} · **Date** ${m.date} · **Mode** ${m.mode}`,
  ].join("\n");
}

/** The whole report: header, then one table of every row. */
export function renderReport(machine: MachineInfo, rows: readonly Row[]): string {
  const body = rows.map((r) => [r.scenario, r.metric, typeof r.value === "number" ? formatNumber(r.value) : r.value, r.goal ?? "", r.verdict ?? ""]);
  return `${machineHeader(machine)}\n\n${markdownTable(["Scenario", "Metric", "Value", "Goal", "Verdict"], body)}\n`;
}
