/** No import cycles in server/, type-only imports included: a cycle is two files that are really one idea, or a misplaced type. */
import * as fs from "node:fs";
import * as path from "node:path";

const SERVER = path.resolve(__dirname, "../../server");

/** Cycles known and not yet untangled (route dependencies typed in http-routes.ts); remove an entry once it is gone. */
const KNOWN = new Set([
  "host/reference/http-routes.ts -> host/reference/site-menu.ts",
  "host/reference/http-routes.ts -> host/reference/token-routes.ts",
]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

function localImports(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const targets: string[] = [];
  for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/g)) {
    const base = path.resolve(path.dirname(file), match[1]);
    const target = [`${base}.ts`, path.join(base, "index.ts")].find((candidate) => fs.existsSync(candidate));
    if (target) targets.push(target);
  }
  return targets;
}

/** Every cycle found by a depth-first walk, each as "a -> b [-> …]" relative to server/ (without repeating the start). */
function cycles(files: string[]): string[] {
  const graph = new Map(files.map((f) => [f, localImports(f)]));
  const found: string[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const at = stack.indexOf(next);
      if (at >= 0) found.push(stack.slice(at).map((f) => path.relative(SERVER, f)).join(" -> "));
      else if (!done.has(next)) visit(next);
    }
    stack.pop();
    done.add(file);
  };
  for (const file of files) if (!done.has(file)) visit(file);
  return found;
}

test("server/ has no import cycle beyond the known ones", () => {
  expect(cycles(sourceFiles(SERVER)).filter((cycle) => !KNOWN.has(cycle))).toEqual([]);
});

test("sessions.ts takes the role type from roles.ts, not from auth.ts (which uses the sessions)", () => {
  const reference = path.join(SERVER, "host/reference");
  expect(localImports(path.join(reference, "sessions.ts"))).not.toContain(path.join(reference, "auth.ts"));
});
