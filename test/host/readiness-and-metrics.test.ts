/** The reference host's readiness registry and metrics hub (contract 2.1), without HTTP: their rules. */
import { createLogger } from "../../server/host/reference/logger";
import { MetricsHub } from "../../server/host/reference/metrics";
import { ReadinessRegistry } from "../../server/host/reference/readiness";
import { parsePrometheusText } from "../support/prometheus-text";

const lines: string[] = [];
const logger = createLogger({ write: (l) => void lines.push(l), format: "json", level: "info" });

test("readiness: ready only when the host is up and every check is; a throwing check is not ready and says where to look", async () => {
  const registry = new ReadinessRegistry(logger);
  const health = registry.forPlugin("p");
  let ok = true;
  const check = health.registerReadinessCheck({ name: "c", check: () => ({ ready: ok, details: { why: ok ? "fine" : "down" } }) });
  expect(await registry.summary(true)).toEqual({ ready: true, checks: [{ check: "host", ready: true }, { check: "p/c", ready: true, details: { why: "fine" } }] });
  expect((await registry.summary(false)).ready).toBe(false);
  ok = false;
  expect((await registry.summary(true)).checks[1]).toEqual({ check: "p/c", ready: false, details: { why: "down" } });
  const broken = health.registerReadinessCheck({ name: "broken", check: () => { throw new Error("boom"); } });
  expect((await registry.summary(true)).checks[2]).toEqual({ check: "p/broken", ready: false, details: "the check failed; see the host log" });
  broken.dispose();
  check.dispose();
  expect(await registry.summary(true)).toEqual({ ready: true, checks: [{ check: "host", ready: true }] });
});

test("metrics: families render as Prometheus text next to process metrics; a family outside the plugin's prefix is left out and logged", async () => {
  const hub = new MetricsHub(logger);
  const value = { n: 3 };
  hub.forPlugin("my-plugin").registerCollector({
    collect: () => [
      { name: "my_plugin_things_total", help: "Things.", type: "counter", labelNames: ["kind"], samples: [{ labels: { kind: 'a "quoted"\nname' }, value: value.n }] },
      { name: "my_plugin_level", help: "Level.", type: "gauge", labelNames: [], samples: [{ value: -2 }] },
    ],
  });
  const stray = hub.forPlugin("other").registerCollector({ collect: () => [{ name: "my_plugin_hijack", help: "x", type: "gauge", labelNames: [], samples: [{ value: 1 }] }] });
  const parsed = parsePrometheusText(await hub.render());
  expect(parsed.types.get("my_plugin_things_total")).toBe("counter");
  expect(parsed.samples.find((s) => s.name === "my_plugin_things_total")).toEqual({ name: "my_plugin_things_total", labels: { kind: 'a "quoted"\nname' }, value: 3 });
  expect(parsed.samples.find((s) => s.name === "my_plugin_level")?.value).toBe(-2);
  expect(parsed.samples.some((s) => s.name === "my_plugin_hijack")).toBe(false);
  expect(parsed.samples.some((s) => s.name === "ecs_host_process_resident_memory_bytes" || s.name === "ecs_host_nodejs_heap_size_used_bytes")).toBe(true);
  expect(lines.join("\n")).toContain("must start with other_");
  value.n = 7;
  stray.dispose();
  expect(parsePrometheusText(await hub.render()).samples.find((s) => s.name === "my_plugin_things_total")?.value).toBe(7); // rebuilt per scrape
});

test("metrics: a histogram family (contract 2.2) renders cumulative _bucket lines with le, +Inf, _sum and _count; a malformed one is left out", async () => {
  const hub = new MetricsHub(logger);
  hub.forPlugin("my-plugin").registerCollector({
    collect: () => [
      { name: "my_plugin_duration_seconds", help: "Durations.", type: "histogram", labelNames: ["kind"], buckets: [0.1, 1], samples: [{ labels: { kind: "a" }, counts: [2, 5], sum: 3.5, count: 6 }] },
    ],
  });
  hub.forPlugin("bad").registerCollector({ collect: () => [{ name: "bad_h", help: "x", type: "histogram", labelNames: [], buckets: [1, 0.5], samples: [{ counts: [1, 1], sum: 1, count: 1 }] }] });
  const parsed = parsePrometheusText(await hub.render());
  expect(parsed.types.get("my_plugin_duration_seconds")).toBe("histogram");
  const of = (name: string) => parsed.samples.filter((s) => s.name === name);
  expect(of("my_plugin_duration_seconds_bucket")).toEqual([
    { name: "my_plugin_duration_seconds_bucket", labels: { kind: "a", le: "0.1" }, value: 2 },
    { name: "my_plugin_duration_seconds_bucket", labels: { kind: "a", le: "1" }, value: 5 },
    { name: "my_plugin_duration_seconds_bucket", labels: { kind: "a", le: "+Inf" }, value: 6 },
  ]);
  expect(of("my_plugin_duration_seconds_sum")[0]?.value).toBe(3.5);
  expect(of("my_plugin_duration_seconds_count")[0]?.value).toBe(6);
  expect(parsed.samples.some((s) => s.name.startsWith("bad_h"))).toBe(false);
  expect(lines.join("\n")).toContain("buckets must ascend");
});
