/** The components bundle build (scripts/build-components.js): ESM bundle with the element, rebuilt only when stale. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require("../../scripts/build-components.js") as {
  buildComponents(o?: { outfile?: string }): Promise<{ outfile: string; bytes: number }>;
  ensureComponentsBuilt(o?: { outfile?: string }): Promise<{ outfile: string } | null>;
};

describe("components build", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-components-"));
  const outfile = path.join(dir, "azure-relay.js");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("bundles the Lit element as a minified ES module with a sourcemap", async () => {
    const result = await build.buildComponents({ outfile });
    const code = fs.readFileSync(outfile, "utf8");
    expect(result.bytes).toBe(fs.statSync(outfile).size);
    expect(code).toContain('"azure-relay-settings"');
    expect(code).toMatch(/\bexport\s*\{/);
    expect(code).not.toMatch(/\brequire\(/);
    expect(fs.existsSync(outfile + ".map")).toBe(true);
  });

  it("skips a fresh bundle and rebuilds a stale one", async () => {
    expect(await build.ensureComponentsBuilt({ outfile })).toBeNull();
    fs.utimesSync(outfile, new Date(0), new Date(0));
    expect((await build.ensureComponentsBuilt({ outfile }))?.outfile).toBe(outfile);
  });
});
