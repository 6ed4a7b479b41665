/**
 * The live status feed over graphql-ws, reconnecting for ever (the tab may stay open for days; the host
 * may restart). After every reconnect `onReconnected` runs so the caller refetches what it missed.
 */
import { createClient, type Client } from "graphql-ws";
import { STATUS_SUBSCRIPTION } from "./relay-api";
import type { RelayStatusEvent } from "./types";

export interface StatusFeedHandlers {
  onEvent(event: RelayStatusEvent): void;
  /** The socket came back after a drop: events may have been missed. */
  onReconnected(): void;
  /** The socket dropped; it is being retried. */
  onInterrupted(): void;
}

/** `ws://host/graphql` or `wss://…` matching the page, so the session cookie goes along. */
export function subscriptionUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
}

/** The page's location; read through globalThis so this module also type-checks (and loads) without the DOM lib. */
function pageLocation(): { protocol: string; host: string } {
  return (globalThis as unknown as { location: { protocol: string; host: string } }).location;
}

/** Starts the feed; returns a stop function (idempotent). */
export function startStatusFeed(handlers: StatusFeedHandlers, url = subscriptionUrl(pageLocation())): () => void {
  let connections = 0;
  const client: Client = createClient({
    url,
    lazy: false,
    retryAttempts: Infinity,
    // Retry every close, including the ones graphql-ws deems fatal (e.g. the host restarting mid-handshake).
    shouldRetry: () => true,
    on: {
      connected: () => {
        connections += 1;
        if (connections > 1) handlers.onReconnected();
      },
      closed: () => {
        if (connections > 0) handlers.onInterrupted();
      },
    },
  });
  const unsubscribe = client.subscribe<{ relayStatusChanged: RelayStatusEvent }>(
    { query: STATUS_SUBSCRIPTION },
    {
      next: (result) => {
        if (result.data) handlers.onEvent(result.data.relayStatusChanged);
      },
      // graphql-ws retries the socket itself; an operation error (e.g. signed out) ends this subscription.
      error: () => handlers.onInterrupted(),
      complete: () => undefined,
    },
  );
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    void client.dispose();
  };
}
