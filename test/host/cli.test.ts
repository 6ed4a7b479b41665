/** The CLI (npm start target): prints the URL, prints generated tokens only on the first start, exits 0 on SIGTERM/SIGINT. */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "../..");
const FIXTURE = path.join(__dirname, "fixtures/fixture-plugin");

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startCli(dataDir: string): Run {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PORT|HOST|ECS_.*)$/.test(k)));
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "server/host/reference/cli.ts"], {
    cwd: REPO_ROOT,
    env: { ...env, PORT: "0", ECS_DATA_DIR: dataDir, ECS_PLUGIN_DIRS: FIXTURE, ECS_LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitFor(run: Run, pattern: RegExp, ms = 20000): Promise<RegExpExecArray> {
  const end = Date.now() + ms;
  for (;;) {
    const match = pattern.exec(run.output());
    if (match) return match;
    if (Date.now() > end || run.child.exitCode !== null) throw new Error(`CLI did not print ${pattern}; output:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("reference host CLI", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-cli-"));
  const runs: Run[] = [];
  afterAll(async () => {
    for (const run of runs) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("prints the URL and the tokens on the first start, serves /healthz, and exits 0 on SIGTERM", async () => {
    const run = startCli(dataDir);
    runs.push(run);
    const url = (await waitFor(run, /reference host: (http:\/\/127\.0\.0\.1:\d+)/))[1];
    await waitFor(run, /reader token \(shown once/);
    const admin = fs.readFileSync(path.join(dataDir, "admin.token"), "utf8").trim();
    expect(run.output()).toContain(`admin token (shown once; saved in ${dataDir}/admin.token): ${admin}`);
    expect(run.output().split(admin)).toHaveLength(2); // exactly once
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("does not print the tokens again on the next start, and exits 0 on SIGINT", async () => {
    const run = startCli(dataDir);
    runs.push(run);
    await waitFor(run, /reference host: http/);
    const admin = fs.readFileSync(path.join(dataDir, "admin.token"), "utf8").trim();
    const reader = fs.readFileSync(path.join(dataDir, "reader.token"), "utf8").trim();
    expect(run.output()).not.toContain(admin);
    expect(run.output()).not.toContain(reader);
    expect(run.output()).not.toMatch(/token \(shown once/);
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
  });
});
