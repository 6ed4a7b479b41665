/**
 * The worker runs under a plain TS loader without decorator metadata and must stay light: everything it loads comes
 * from server/relay, plus Node's own modules and the packages the data plane needs (ipaddr.js: the target guard's
 * address ranges, dependency-free).
 */
import fs from "node:fs";
import path from "node:path";

const RELAY_DIR = path.resolve(__dirname, "../../server/relay");
const ALLOWED_PACKAGES = new Set(["hyco-https", "moment", "ws", "ipaddr.js"]);

function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const specifiers: string[] = [];
  for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|require\("([^"]+)"\)/g)) specifiers.push(match[1] ?? match[2]);
  return specifiers;
}

function walk(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith(".")) queue.push(`${path.resolve(path.dirname(file), spec)}.ts`);
      else if (!spec.startsWith("node:")) packages.add(spec);
    }
  }
  return { files, packages };
}

it("the worker entry loads only server/relay files, Node modules, hyco-https, moment, ws and ipaddr.js", () => {
  const { files, packages } = walk(path.join(RELAY_DIR, "worker-main.ts"));
  expect(files.size).toBeGreaterThan(10);
  for (const file of files) expect([RELAY_DIR, path.join(RELAY_DIR, "native")]).toContain(path.dirname(file));
  for (const pkg of packages) expect(ALLOWED_PACKAGES).toContain(pkg);
  for (const file of files) expect(fs.readFileSync(file, "utf8")).not.toMatch(/^\s*@\w+\(/m); // no decorators
});

it("the main-thread handle does not load hyco-https (it rewrites the process-wide https module)", () => {
  const { files, packages } = walk(path.join(RELAY_DIR, "data-plane.ts"));
  expect(packages.has("hyco-https")).toBe(false);
  expect([...files].map((f) => path.basename(f))).not.toContain("listener.ts");
});
