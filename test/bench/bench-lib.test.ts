/** The bench's pure helpers: statistics, goal verdicts, table formatting, argument parsing. */
import { parseArgs } from "../../bench/run";
import { goalRow, goalText, verdict } from "../../bench/lib/scenario";
import { median, pairDifferences, pairRatios, percentile, ratio, round } from "../../bench/lib/stats";
import { formatNumber, markdownTable, renderReport } from "../../bench/lib/table";

describe("stats", () => {
  it("takes the median of odd and even counts without reordering the input", () => {
    const input = [5, 1, 3];
    expect(median(input)).toBe(3);
    expect(input).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("interpolates percentiles between closest ranks", () => {
    const values = Array.from({ length: 101 }, (_, i) => i); // 0..100
    expect(percentile(values, 0)).toBe(0);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([10, 20], 50)).toBe(15);
    expect(percentile([1, 2, 3, 4], 75)).toBeCloseTo(3.25);
    expect(percentile([7], 99)).toBe(7);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it("gives NaN rather than Infinity for a ratio over zero", () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 1)).toBeNaN();
  });

  it("pairs rounds for ratios and differences, skipping unusable rounds", () => {
    expect(pairRatios([10, 20, 30], [10, 0, 15])).toEqual([1, 2]);
    expect(pairDifferences([5, 7], [1, 2, 3])).toEqual([4, 5]);
    expect(median(pairRatios([95, 190, 300], [100, 200, 300]))).toBe(0.95);
  });

  it("rounds and keeps NaN", () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(Number.POSITIVE_INFINITY)).toBeNaN();
  });
});

describe("goals", () => {
  it("decides met / NOT met / n/a by the goal's direction", () => {
    expect(verdict(0.96, { op: ">=", limit: 0.95 })).toBe("met");
    expect(verdict(0.94, { op: ">=", limit: 0.95 })).toBe("NOT met");
    expect(verdict(64, { op: "<", limit: 64 })).toBe("NOT met");
    expect(verdict(0.5, { op: "<=", limit: 0.5 })).toBe("met");
    expect(verdict(Number.NaN, { op: "<", limit: 1 })).toBe("n/a");
    expect(goalText({ op: "<=", limit: 0.5, unit: "ms" })).toBe("≤ 0.5 ms");
    expect(goalRow("s", "m", 3, { op: "<", limit: 5, unit: "s" })).toEqual({ scenario: "s", metric: "m", value: 3, goal: "< 5 s", verdict: "met" });
  });
});

describe("table", () => {
  it("formats numbers by magnitude and prints n/a for what was not measured", () => {
    expect(formatNumber(12345.6)).toBe("12346");
    expect(formatNumber(123.456)).toBe("123.5");
    expect(formatNumber(12.345)).toBe("12.35");
    expect(formatNumber(0.0123)).toBe("0.012");
    expect(formatNumber(2)).toBe("2");
    expect(formatNumber(Number.NaN)).toBe("n/a");
  });

  it("renders an aligned Markdown table and escapes pipes in cells", () => {
    const text = markdownTable(["A", "Bee"], [["1", "x|y"], ["22", ""]]);
    expect(text.split("\n")).toEqual(["| A   | Bee  |", "| --- | ---- |", "| 1   | x\\|y |", "| 22  |      |"]);
  });

  it("puts the machine header above the table", () => {
    const report = renderReport({ cpuModel: "CPU X", cores: 2, node: "v20.0.0", date: "2026-01-01T00:00:00Z", mode: "quick" }, [
      { scenario: "1", metric: "ratio", value: 0.9, goal: "≥ 0.95", verdict: "NOT met" },
    ]);
    expect(report).toContain("CPU X, 2 cores");
    expect(report).toContain("v20.0.0");
    expect(report).toMatch(/\| 1 +\| ratio +\| 0\.9 +\| ≥ 0\.95 \| NOT met \|/);
  });
});

describe("bench arguments", () => {
  it("parses the flags and refuses unknown ones", () => {
    expect(parseArgs(["--quick", "--json", "out.json", "--only", "relay,stream"])).toEqual({ quick: true, json: "out.json", only: ["relay", "stream"] });
    expect(parseArgs([])).toEqual({ quick: false });
    expect(() => parseArgs(["--fast"])).toThrow(/unknown argument/);
    expect(() => parseArgs(["--json"])).toThrow(/needs a file/);
  });

  it("takes the farm scenario's Redis outage in seconds, within 1..600", () => {
    expect(parseArgs(["--only", "farm", "--redis-down", "5"])).toEqual({ quick: false, only: ["farm"], redisDownSec: 5 });
    expect(() => parseArgs(["--redis-down", "0"])).toThrow(/--redis-down needs seconds/);
    expect(() => parseArgs(["--redis-down", "soon"])).toThrow(/--redis-down needs seconds/);
    expect(() => parseArgs(["--redis-down"])).toThrow(/--redis-down needs seconds/);
  });
});
