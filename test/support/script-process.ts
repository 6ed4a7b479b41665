/**
 * A repository script (`npm start`, `npm run farm`) as a child process for a test: its output collected, patterns
 * awaited in it, and the helpers a newcomer's first steps need (wait until registrations are ONLINE, the relay-token CLI).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(__dirname, "../..");

export interface ScriptProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output (rejects with the output after `timeoutMs`). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Runs `node -r @swc-node/register <entry>` from the repository root with `env` added. */
export function startScript(entry: string, env: Record<string, string>): ScriptProcess {
  const child = spawn(process.execPath, ["-r", "@swc-node/register", entry], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => { output += d.toString(); });
  child.stderr!.on("data", (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waitForOutput = (pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} in ${entry}'s output:\n${output}`)), timeoutMs);
      const check = (): void => {
        const match = output.match(pattern);
        if (match) { clearTimeout(timer); child.stdout!.off("data", check); resolve(match); }
      };
      child.stdout!.on("data", check);
      check();
    });
  return { child, output: () => output, waitForOutput, exited };
}

/** Polls `hostUrl`'s GraphQL API until its first registration is ONLINE there. */
export async function waitForFirstRegistrationOnline(hostUrl: string, token: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${hostUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ relayRegistrations { status { state } } }" }),
    });
    const body = (await res.json()) as { data: { relayRegistrations: Array<{ status: { state: string } }> } };
    if (body.data.relayRegistrations[0]?.status.state === "ONLINE") return;
    if (Date.now() > deadline) throw new Error(`registration not ONLINE on ${hostUrl}: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `npm run relay-token -- <connection string> <hybrid connection>`, as the banner tells a newcomer; resolves with the token. */
export function runRelayToken(connectionString: string, hybridConnection = "ecs-core"): Promise<string> {
  return new Promise((resolve, reject) => {
    const tool = spawn(process.execPath, ["-r", "@swc-node/register", "scripts/relay-token.ts", connectionString, hybridConnection], { cwd: ROOT });
    let out = "";
    tool.stdout.on("data", (d: Buffer) => { out += d.toString(); });
    tool.on("exit", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`relay-token exited ${code}`))));
  });
}
