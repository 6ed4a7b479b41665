/**
 * Live feeds over graphql-ws, reconnecting for ever (the tab may stay open for days; the host may restart):
 * `startStatusFeed` (every registration's status changes) and `startLiveFeed` for any other subscription document
 * (e.g. the journal's live tail, `relayRequestRecorded`). After every reconnect `onReconnected` runs so the caller
 * refetches what it missed.
 *
 * graphql-ws retries most closes itself (`retryAttempts: Infinity`, `shouldRetry: () => true`), but it
 * gives up before asking `shouldRetry` on close codes it deems fatal — 1011 (a proxy's "internal error"),
 * 4500, 4400 … — and when the operation itself fails. Then this module starts a fresh client after a
 * capped, jittered delay, so live updates never stop for good.
 */
import { createClient } from "graphql-ws";
import { RelayStatusChangedDocument } from "./generated/graphql";
import type { TypedDocument } from "./graphql-client";
import type { RelayStatusEvent } from "./registrations-client";

export interface LiveFeedHandlers<TResult> {
  /** One result of the subscription (its `data`). */
  onEvent(data: TResult): void;
  /** The socket came back after a drop: events may have been missed. */
  onReconnected(): void;
  /** The socket dropped; it is being retried. */
  onInterrupted(): void;
}

/** Longest wait before a fresh client; the tab stays usable meanwhile (the periodic refresh goes on). */
export const MAX_RESTART_DELAY_MS = 30_000;

/** 1 s, 2 s, 4 s … capped at 30 s, each between half and all of it so many tabs do not return in step. */
export function restartDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** `ws://host/graphql` or `wss://…` matching the page, so the session cookie goes along. */
export function subscriptionUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
}

/** The page's location; read through globalThis so this module also type-checks (and loads) without the DOM lib. */
function pageLocation(): { protocol: string; host: string } {
  return (globalThis as unknown as { location: { protocol: string; host: string } }).location;
}

export type StatusFeedHandlers = Omit<LiveFeedHandlers<unknown>, "onEvent"> & { onEvent(event: RelayStatusEvent): void };

/** A subscription document, its variables, and where it connects. */
interface Subscription<TResult> {
  url: string;
  document: TypedDocument<TResult, unknown>;
  variables: Record<string, unknown> | undefined;
}

interface ClientCallbacks<TResult> {
  onEvent(data: TResult): void;
  onConnected(): void;
  onClosed(): void;
  /** graphql-ws stopped retrying, or the subscription ended. */
  onGaveUp(): void;
}

/** One graphql-ws client with the subscription; returns its stop function. */
function openClient<TResult>({ url, document, variables }: Subscription<TResult>, callbacks: ClientCallbacks<TResult>): () => void {
  let closing = false;
  const unlessClosing = (fn: () => void) => () => void (closing || fn());
  const client = createClient({
    url,
    lazy: false,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    onNonLazyError: unlessClosing(callbacks.onGaveUp),
    on: { connected: unlessClosing(callbacks.onConnected), closed: unlessClosing(callbacks.onClosed) },
  });
  const unsubscribe = client.subscribe<TResult>(
    { query: document.toString(), variables },
    {
      next: (result) => {
        if (result.data && !closing) callbacks.onEvent(result.data as TResult);
      },
      error: unlessClosing(callbacks.onGaveUp),
      complete: unlessClosing(callbacks.onGaveUp),
    },
  );
  return () => {
    closing = true;
    unsubscribe();
    void client.dispose();
  };
}

/** Starts the status feed; returns a stop function (idempotent). */
export function startStatusFeed(handlers: StatusFeedHandlers, url = subscriptionUrl(pageLocation())): () => void {
  return startLiveFeed(RelayStatusChangedDocument, undefined, { ...handlers, onEvent: (data) => handlers.onEvent(data.relayStatusChanged) }, url);
}

/** Starts a feed of `document` (with `variables`); returns a stop function (idempotent). */
export function startLiveFeed<TResult, TVariables>(
  document: TypedDocument<TResult, TVariables>,
  variables: TVariables | undefined,
  handlers: LiveFeedHandlers<TResult>,
  url = subscriptionUrl(pageLocation()),
): () => void {
  const subscription: Subscription<TResult> = { url, document: document as TypedDocument<TResult, unknown>, variables: variables as Record<string, unknown> | undefined };
  let stopped = false;
  let everConnected = false;
  let restarts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopClient: (() => void) | undefined;

  const giveUp = () => {
    stopClient?.();
    stopClient = undefined;
    if (stopped || timer !== undefined) return;
    handlers.onInterrupted();
    timer = setTimeout(() => {
      timer = undefined;
      open();
    }, restartDelayMs(restarts++));
  };
  const open = () => {
    stopClient = openClient(subscription, {
      onEvent: handlers.onEvent,
      onConnected: () => {
        restarts = 0;
        if (everConnected) handlers.onReconnected();
        everConnected = true;
      },
      onClosed: () => {
        if (everConnected) handlers.onInterrupted();
      },
      onGaveUp: giveUp,
    });
  };

  open();
  return () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    stopClient?.();
    stopClient = undefined;
  };
}
