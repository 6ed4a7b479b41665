/**
 * Child processes of the benchmark (emulator, target, host, bare forwarder): each runs a TypeScript entry under
 * @swc-node/register, reports `ready` with its info over IPC and answers requests (see child-ipc.ts). Every child
 * is registered here and killed when the bench exits for any reason, so none outlives a failed run.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { type ChildMessage, type ParentMessage } from "./child-ipc";

export interface BenchChild<Info> {
  readonly name: string;
  readonly pid: number;
  readonly info: Info;
  /** Calls an operation the child serves; rejects on its error or when it exits first. */
  request<T = unknown>(op: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks for a clean exit (so --cpu-prof profiles get written), kills after `graceMs`. Idempotent. */
  stop(graceMs?: number): Promise<void>;
  /** The last lines the child wrote, for error messages. */
  tail(): string;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Extra node flags, e.g. ["--cpu-prof", "--cpu-prof-dir=…"]. */
  execArgv?: string[];
  /** How long to wait for `ready`; default 60 s (a cold swc cache compiles the host for a while). */
  readyTimeoutMs?: number;
  /** Handed to the child's `start` over IPC (never the environment: it may hold a key). */
  config?: unknown;
}

const live = new Set<ChildProcess>();
let exitHooked = false;

/** Kills what is left, synchronously: runs on 'exit', so even an uncaught error cleans up. */
function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on("exit", () => {
    for (const child of live) child.kill("SIGKILL");
  });
}

export async function startChild<Info>(name: string, entry: string, options: StartOptions = {}): Promise<BenchChild<Info>> {
  hookExit();
  const child = fork(path.resolve(__dirname, "..", entry), [], {
    execArgv: ["-r", "@swc-node/register", ...(options.execArgv ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  live.add(child);
  const lines: string[] = [];
  const keep = (data: Buffer) => {
    for (const line of data.toString("utf8").split("\n").filter(Boolean)) {
      lines.push(line.slice(0, 400));
      if (lines.length > 40) lines.shift();
      if (process.env.BENCH_VERBOSE) process.stderr.write(`  [${name}] ${line}\n`);
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.once("message", (m: ChildMessage) => {
    if (m.type === "hello") child.send({ type: "init", config: options.config ?? null } satisfies ParentMessage);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => (live.delete(child), resolve())));
  try {
    const info = await waitForReady<Info>(child, name, options.readyTimeoutMs ?? 60_000, () => lines.join("\n"));
    return wrap(name, child, info, exited, () => lines.join("\n"));
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    throw error;
  }
}

function waitForReady<Info>(child: ChildProcess, name: string, timeoutMs: number, tail: () => string): Promise<Info> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`${name} not ready within ${timeoutMs} ms\n${tail()}`)), timeoutMs);
    const onMessage = (m: ChildMessage) => {
      if (m.type === "ready") done(undefined, m.info as Info);
      if (m.type === "failed") done(new Error(`${name} failed to start: ${m.error}\n${tail()}`));
    };
    const onExit = (code: number | null) => done(new Error(`${name} exited (${code}) before ready\n${tail()}`));
    const done = (error?: Error, info?: Info) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(info as Info);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

function wrap<Info>(name: string, child: ChildProcess, info: Info, exited: Promise<void>, tail: () => string): BenchChild<Info> {
  let nextId = 1;
  let stopping: Promise<void> | undefined;
  const request = <T>(op: string, args?: unknown, timeoutMs = 120_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => finish(new Error(`${name}.${op} timed out after ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (m: ChildMessage) => {
        if (m.type === "reply" && m.id === id) finish(m.error ? new Error(`${name}.${op}: ${m.error}`) : undefined, m.result as T);
      };
      const onExit = () => finish(new Error(`${name} exited during ${op}\n${tail()}`));
      const finish = (error?: Error, result?: T) => {
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
        if (error) reject(error);
        else resolve(result as T);
      };
      child.on("message", onMessage);
      child.once("exit", onExit);
      child.send({ type: "request", id, op, args } satisfies ParentMessage);
    });
  const stop = (graceMs = 8000) =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: "stop" } satisfies ParentMessage);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    })());
  return { name, pid: child.pid ?? -1, info, request, stop, tail };
}

/** Stops children in reverse start order, ignoring individual failures: used in `finally` blocks. */
export async function stopAll(children: ReadonlyArray<BenchChild<unknown> | undefined>): Promise<void> {
  for (const child of [...children].reverse()) await child?.stop().catch(() => undefined);
}
