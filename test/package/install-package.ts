/**
 * Builds the plugin package (scripts/build-package.js), packs it with `npm pack` and installs the tarball into an empty
 * folder with production dependencies only — what an ECS Core host does with a release. Everything lives in `workDir`.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, "../..");
const PACKAGE_NAME = "ecs-core-azure-relay";

export interface InstalledPackage {
  /** The consumer folder holding `node_modules/` (its own package.json only names the tarball). */
  appDir: string;
  /** `<appDir>/node_modules/ecs-core-azure-relay`: the installed plugin folder (plugin.json at its root). */
  packageDir: string;
  tarball: string;
}

/** Build → pack → `npm install --omit=dev <tarball>`; 30–50 s, most of it sqlite3's native build. */
export async function buildPackAndInstall(workDir: string): Promise<InstalledPackage> {
  const builtDir = path.join(workDir, "built");
  await run(process.execPath, [path.join(REPO_ROOT, "scripts/build-package.js"), "--out", builtDir], { cwd: REPO_ROOT });
  const { stdout } = await run("npm", ["pack", builtDir, "--pack-destination", workDir, "--json"], { cwd: workDir });
  const tarball = path.join(workDir, (JSON.parse(stdout) as Array<{ filename: string }>)[0].filename);
  const appDir = path.join(workDir, "app");
  fs.mkdirSync(appDir);
  // npm 11 asks a project to approve dependency install scripts: sqlite3 and bufferutil build native add-ons.
  const allowScripts = { sqlite3: true, bufferutil: true, "@apollo/protobufjs": true };
  fs.writeFileSync(path.join(appDir, "package.json"), JSON.stringify({ name: "ecs-core-host-under-test", private: true, allowScripts }));
  await run("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline", tarball], {
    cwd: appDir,
    // Link Debian's libsqlite3 rather than compiling the bundled SQLite amalgamation.
    env: { ...process.env, npm_config_sqlite: "/usr" },
    maxBuffer: 16 * 1024 * 1024,
  });
  return { appDir, packageDir: path.join(appDir, "node_modules", PACKAGE_NAME), tarball };
}

/** Every file under `dir` (relative paths), for asserting what the package ships. */
export function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}
