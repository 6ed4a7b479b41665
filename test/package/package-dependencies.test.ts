/**
 * The package's dependencies are derived from what its compiled code requires (scripts/package/dependencies.js):
 * pinned versions, required peers, graphql as a peer, and a clear failure for a devDependency the code needs at run time.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packageDependencies } = require("../../scripts/package/dependencies.js") as {
  packageDependencies(root: string, serverDir: string): { dependencies: Record<string, string>; peerDependencies: Record<string, string> };
};

let root: string;
let serverDir: string;

/** A fake repo: package.json with these pins, node_modules/<name>/package.json with these peers, compiled files. */
function fakeRepo(pins: { dependencies: Record<string, string>; devDependencies?: Record<string, string> }, peers: Record<string, Record<string, string>>, compiled: Record<string, string>): void {
  fs.writeFileSync(path.join(root, "package.json"), JSON.stringify(pins));
  for (const name of Object.keys({ ...pins.dependencies, ...pins.devDependencies })) {
    fs.mkdirSync(path.join(root, "node_modules", name), { recursive: true });
    fs.writeFileSync(path.join(root, "node_modules", name, "package.json"), JSON.stringify({ name, peerDependencies: peers[name] ?? {} }));
  }
  for (const [file, code] of Object.entries(compiled)) {
    fs.mkdirSync(path.dirname(path.join(serverDir, file)), { recursive: true });
    fs.writeFileSync(path.join(serverDir, file), code);
  }
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-package-deps-"));
  serverDir = path.join(root, "built/server");
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

test("keeps the required packages and their required peers at the repo's pins; graphql becomes a peer; unused ones stay out", () => {
  fakeRepo(
    { dependencies: { "type-graphql": "2.0.0-rc.4", graphql: "16.15.0", "graphql-scalars": "1.26.0", "@scope/tool": "1.0.0", bufferutil: "4.1.0", lit: "3.3.3" } },
    { "type-graphql": { graphql: "^16.12.0", "graphql-scalars": "^1.25.0" } },
    { "plugin/a.js": 'require("type-graphql"); require("node:fs"); require("./b");', "relay/b.js": 'require("@scope/tool/sub/path"); require("path");' },
  );
  expect(packageDependencies(root, serverDir)).toEqual({
    dependencies: { "@scope/tool": "1.0.0", bufferutil: "4.1.0", "graphql-scalars": "1.26.0", "type-graphql": "2.0.0-rc.4" },
    peerDependencies: { graphql: "^16.15.0" },
  });
});

test("a package the compiled code requires that is only a devDependency fails the build, by name", () => {
  fakeRepo({ dependencies: { bufferutil: "4.1.0" }, devDependencies: { esbuild: "0.28.2" } }, {}, { "plugin/a.js": 'require("esbuild");' });
  expect(() => packageDependencies(root, serverDir)).toThrow("required at run time but not in package.json dependencies: esbuild");
});
