/** The status feed's reconnect behaviour, against a stand-in for graphql-ws's client (the real one needs a browser WebSocket). */
import type { ClientOptions } from "graphql-ws";
import { startStatusFeed } from "../../components/src/status-subscription";
import type { RelayStatusEvent } from "../../components/src/types";

interface Sink {
  next(value: { data?: { relayStatusChanged: RelayStatusEvent } }): void;
  error(error: unknown): void;
}

const fake = { options: undefined as ClientOptions | undefined, sink: undefined as Sink | undefined, query: "", unsubscribed: 0, disposed: 0 };

jest.mock("graphql-ws", () => ({
  createClient: (options: ClientOptions) => {
    fake.options = options;
    return {
      subscribe: (payload: { query: string }, sink: Sink) => {
        fake.query = payload.query;
        fake.sink = sink;
        return () => void fake.unsubscribed++;
      },
      dispose: () => void fake.disposed++,
    };
  },
}));

type On = Required<NonNullable<ClientOptions["on"]>>;
const on = () => fake.options?.on as On;

function start() {
  const handlers = { onEvent: jest.fn(), onReconnected: jest.fn(), onInterrupted: jest.fn() };
  const stop = startStatusFeed(handlers, "ws://127.0.0.1:1/graphql");
  return { handlers, stop };
}

beforeEach(() => Object.assign(fake, { options: undefined, sink: undefined, query: "", unsubscribed: 0, disposed: 0 }));

test("retries for ever, whatever the close", () => {
  start();
  expect(fake.options?.url).toBe("ws://127.0.0.1:1/graphql");
  expect(fake.options?.retryAttempts).toBe(Infinity);
  expect(fake.options?.shouldRetry?.({ code: 4403, reason: "Forbidden" } as never)).toBe(true);
  expect(fake.query).toContain("relayStatusChanged");
});

test("passes events on", () => {
  const { handlers } = start();
  const event: RelayStatusEvent = { registrationId: "1", previousState: "CONNECTING", status: { state: "ONLINE", since: "2026-11-28T12:00:00Z", attempt: null, nextRetryAt: null, lastError: null } };
  fake.sink?.next({ data: { relayStatusChanged: event } });
  fake.sink?.next({});
  expect(handlers.onEvent).toHaveBeenCalledTimes(1);
  expect(handlers.onEvent).toHaveBeenCalledWith(event);
});

test("the first connection is not a reconnect; later ones are, so the list is refetched", () => {
  const { handlers } = start();
  on().closed({} as never); // a failed first attempt: nothing was shown as live yet
  expect(handlers.onInterrupted).not.toHaveBeenCalled();
  on().connected({} as never, undefined, false);
  expect(handlers.onReconnected).not.toHaveBeenCalled();
  on().closed({} as never);
  expect(handlers.onInterrupted).toHaveBeenCalledTimes(1);
  on().connected({} as never, undefined, false);
  expect(handlers.onReconnected).toHaveBeenCalledTimes(1);
});

test("stop unsubscribes and disposes once", () => {
  const { stop } = start();
  stop();
  stop();
  expect(fake.unsubscribed).toBe(1);
  expect(fake.disposed).toBe(1);
});
