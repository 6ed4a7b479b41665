/** The status feed's reconnect behaviour, against a stand-in for graphql-ws's client (the real one needs a browser WebSocket). */
import type { ClientOptions } from "graphql-ws";
import { MAX_RESTART_DELAY_MS, restartDelayMs, startStatusFeed } from "../../components/src/status-subscription";
import type { RelayStatusEvent } from "../../components/src/registrations-client";

interface Sink {
  next(value: { data?: { relayStatusChanged: RelayStatusEvent } }): void;
  error(error: unknown): void;
  complete(): void;
}

interface FakeClient {
  options: ClientOptions;
  sink: Sink;
  query: string;
  unsubscribed: number;
  disposed: number;
}

const clients: FakeClient[] = [];

jest.mock("graphql-ws", () => ({
  createClient: (options: ClientOptions) => {
    const fake = { options, unsubscribed: 0, disposed: 0 } as FakeClient;
    clients.push(fake);
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
const last = () => clients[clients.length - 1];
const on = (client = last()) => client.options.on as On;

function start() {
  const handlers = { onEvent: jest.fn(), onReconnected: jest.fn(), onInterrupted: jest.fn() };
  const stop = startStatusFeed(handlers, "ws://127.0.0.1:1/graphql");
  return { handlers, stop };
}

beforeEach(() => {
  clients.length = 0;
  jest.useFakeTimers();
});
afterEach(() => jest.useRealTimers());

test("retries for ever, whatever the close", () => {
  start();
  expect(last().options.url).toBe("ws://127.0.0.1:1/graphql");
  expect(last().options.retryAttempts).toBe(Infinity);
  expect(last().options.lazy).toBe(false);
  expect(last().options.shouldRetry?.({ code: 4403, reason: "Forbidden" } as never)).toBe(true);
  expect(last().query).toContain("relayStatusChanged");
});

test("passes events on", () => {
  const { handlers } = start();
  const event: RelayStatusEvent = { hostId: "h", registrationId: "1", previousState: "CONNECTING", status: { state: "ONLINE", since: "2026-11-28T12:00:00Z", attempt: null, nextRetryAt: null, lastError: null } };
  last().sink.next({ data: { relayStatusChanged: event } });
  last().sink.next({});
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

test("when graphql-ws gives up (e.g. close 1011), a fresh client starts after a delay and counts as a reconnect", () => {
  const { handlers } = start();
  on().connected({} as never, undefined, false);
  const first = last();
  first.options.onNonLazyError?.({ code: 1011, reason: "internal error" } as never);
  first.sink.error({ code: 1011 }); // graphql-ws reports the same end to the subscription too
  expect(first.disposed).toBe(1);
  expect(handlers.onInterrupted).toHaveBeenCalledTimes(1);
  expect(clients).toHaveLength(1);
  jest.advanceTimersByTime(1000);
  expect(clients).toHaveLength(2);
  on().connected({} as never, undefined, false);
  expect(handlers.onReconnected).toHaveBeenCalledTimes(1);
});

test("a subscription that ends is started again", () => {
  start();
  last().sink.complete();
  jest.advanceTimersByTime(MAX_RESTART_DELAY_MS);
  expect(clients).toHaveLength(2);
});

test("stop unsubscribes and disposes once, and cancels a pending restart", () => {
  const { stop, handlers } = start();
  last().options.onNonLazyError?.({ code: 4500 } as never);
  stop();
  stop();
  jest.advanceTimersByTime(MAX_RESTART_DELAY_MS);
  expect(clients).toHaveLength(1);
  expect(clients[0].disposed).toBe(1);
  // Its own dispose must not be reported as an interruption.
  on(clients[0]).closed({} as never);
  expect(handlers.onInterrupted).toHaveBeenCalledTimes(1);
});

test("restartDelayMs doubles, jitters between half and all, and is capped", () => {
  expect(restartDelayMs(0, () => 0)).toBe(500);
  expect(restartDelayMs(0, () => 1)).toBe(1000);
  expect(restartDelayMs(3, () => 1)).toBe(8000);
  expect(restartDelayMs(20, () => 1)).toBe(MAX_RESTART_DELAY_MS);
  expect(restartDelayMs(20, () => 0)).toBe(MAX_RESTART_DELAY_MS / 2);
});
