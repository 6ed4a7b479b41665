/**
 * In-process event bus. Handlers run synchronously in subscription order; a throwing handler is
 * logged and does not stop the others or the publisher.
 */
import type { Disposable, EventBus, Logger } from "../contract";

type Handler = (payload: unknown) => void;

/** A bus whose handler errors go to `logger`. */
export function createEventBus(logger: Logger): EventBus {
  const handlers = new Map<string, Set<Handler>>();
  return {
    publish<T>(eventId: string, payload: T) {
      for (const handler of [...(handlers.get(eventId) ?? [])]) {
        try {
          handler(payload);
        } catch (error) {
          logger.error("event handler failed", { eventId, error });
        }
      }
    },
    subscribe<T>(eventId: string, handler: (payload: T) => void): Disposable {
      const set = handlers.get(eventId) ?? new Set<Handler>();
      handlers.set(eventId, set);
      const h = handler as Handler;
      set.add(h);
      return {
        dispose() {
          set.delete(h);
          if (set.size === 0 && handlers.get(eventId) === set) handlers.delete(eventId);
        },
      };
    },
  };
}
