/**
 * The child side of the bench's IPC (processes.ts): announce `ready` with the child's info, serve named requests,
 * and clean up then exit on `stop` — or when the parent vanishes (IPC disconnect), so an aborted bench leaves
 * nothing running.
 */
export type ParentMessage = { type: "init"; config: unknown } | { type: "request"; id: number; op: string; args?: unknown } | { type: "stop" };
export type ChildMessage =
  | { type: "hello" }
  | { type: "ready"; info: unknown }
  | { type: "failed"; error: string }
  | { type: "reply"; id: number; result?: unknown; error?: string };

export type Handlers = Record<string, (args: unknown) => unknown>;

function send(message: ChildMessage): void {
  process.send?.(message);
}

/**
 * Runs `start`, reports its info, and serves `handlers` until asked to stop; `cleanup` runs exactly once before
 * exit. A start failure is reported (message only: never anything that could carry a key) and the process exits 1.
 */
export async function serveChild<Info>(start: (config: unknown) => Promise<{ info: Info; handlers: Handlers; cleanup: () => Promise<void> }>): Promise<void> {
  if (!process.send) throw new Error("a bench child must be started by bench/lib/processes.ts (no IPC channel)");
  let cleanup: (() => Promise<void>) | undefined;
  let exiting = false;
  const exit = async (code: number) => {
    if (exiting) return;
    exiting = true;
    await cleanup?.().catch(() => undefined);
    process.exit(code);
  };
  process.on("disconnect", () => void exit(0));
  process.on("SIGTERM", () => void exit(0));
  try {
    // The parent sends the child's configuration first, over IPC: it may hold a key, which must not sit in the env.
    // Asked for once our listener is in place, so it cannot arrive before anyone listens.
    const config = await new Promise<unknown>((resolve) => {
      process.once("message", (m: ParentMessage) => resolve(m.type === "init" ? m.config : undefined));
      send({ type: "hello" });
    });
    const started = await start(config);
    cleanup = started.cleanup;
    process.on("message", (m: ParentMessage) => void onMessage(m, started.handlers, exit));
    send({ type: "ready", info: started.info });
  } catch (error) {
    send({ type: "failed", error: error instanceof Error ? error.message : String(error) });
    await exit(1);
  }
}

async function onMessage(m: ParentMessage, handlers: Handlers, exit: (code: number) => Promise<void>): Promise<void> {
  if (m.type === "stop") return exit(0);
  if (m.type !== "request") return;
  const handler = handlers[m.op];
  try {
    if (!handler) throw new Error(`unknown op ${m.op}`);
    send({ type: "reply", id: m.id, result: await handler(m.args) });
  } catch (error) {
    send({ type: "reply", id: m.id, error: error instanceof Error ? error.message : String(error) });
  }
}

/** Every child answers `memory` the same way: its own view, for cross-checking /proc. */
export function memoryHandler(): unknown {
  const m = process.memoryUsage();
  return { rssMiB: m.rss / 2 ** 20, heapUsedMiB: m.heapUsed / 2 ** 20, externalMiB: m.external / 2 ** 20, arrayBuffersMiB: m.arrayBuffers / 2 ** 20 };
}

/** `global.gc` when the child runs with --expose-gc: lets a memory baseline start from a collected heap. */
export function gcHandler(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return !!gc;
}
