/**
 * The live status feed over graphql-ws, reconnecting for ever (the tab may stay open for days; the host
 * may restart). After every reconnect `onReconnected` runs so the caller refetches what it missed.
 *
 * graphql-ws retries most closes itself (`retryAttempts: Infinity`, `shouldRetry: () => true`), but it
 * gives up before asking `shouldRetry` on close codes it deems fatal — 1011 (a proxy's "internal error"),
 * 4500, 4400 … — and when the operation itself fails. Then this module starts a fresh client after a
 * capped, jittered delay, so live updates never stop for good.
 */
import { createClient } from "graphql-ws";
import { RelayStatusChangedDocument } from "./generated/graphql";
import type { RelayStatusEvent } from "./registrations-client";

export interface StatusFeedHandlers {
  onEvent(event: RelayStatusEvent): void;
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

interface ClientCallbacks {
  onEvent(event: RelayStatusEvent): void;
  onConnected(): void;
  onClosed(): void;
  /** graphql-ws stopped retrying, or the subscription ended. */
  onGaveUp(): void;
}

/** One graphql-ws client with the status subscription; returns its stop function. */
function openClient(url: string, callbacks: ClientCallbacks): () => void {
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
  const unsubscribe = client.subscribe<{ relayStatusChanged: RelayStatusEvent }>(
    { query: RelayStatusChangedDocument.toString() },
    {
      next: (result) => {
        if (result.data && !closing) callbacks.onEvent(result.data.relayStatusChanged);
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

/** Starts the feed; returns a stop function (idempotent). */
export function startStatusFeed(handlers: StatusFeedHandlers, url = subscriptionUrl(pageLocation())): () => void {
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
    stopClient = openClient(url, {
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
