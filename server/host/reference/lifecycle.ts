/** Host lifecycle: shutdown hooks (run once, last registered first) and the abort signal. */
import type { Disposable, Lifecycle, Logger } from "../contract";

export interface HostLifecycle {
  /** The view a plugin gets; its hooks are tagged with the plugin id in logs. */
  forPlugin(pluginId: string): Lifecycle;
  readonly signal: AbortSignal;
  /** Aborts the signal: shutdown has begun (plugins stop starting new work). */
  abort(): void;
  /** Aborts the signal and runs every hook once (LIFO); a failing hook is logged, the rest still run. */
  shutdown(): Promise<void>;
}

export function createLifecycle(logger: Logger): HostLifecycle {
  const controller = new AbortController();
  const hooks: Array<{ owner: string; hook: () => Promise<void> | void }> = [];
  let done: Promise<void> | undefined;
  const run = async (): Promise<void> => {
    controller.abort();
    for (const entry of hooks.splice(0).reverse()) {
      try {
        await entry.hook();
      } catch (error) {
        logger.error("shutdown hook failed", { plugin: entry.owner, error });
      }
    }
  };
  return {
    signal: controller.signal,
    forPlugin(pluginId) {
      return {
        signal: controller.signal,
        onShutdown(hook): Disposable {
          const entry = { owner: pluginId, hook };
          hooks.push(entry);
          return {
            dispose() {
              const index = hooks.indexOf(entry);
              if (index >= 0) hooks.splice(index, 1);
            },
          };
        },
      };
    },
    abort: () => controller.abort(),
    shutdown: () => (done ??= run()),
  };
}
