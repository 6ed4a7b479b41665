/** Minimal types for hyco-https 1.4.5 (it ships none). Only what we use. See relay-protocol-notes.md §5. */
declare module "hyco-https" {
  import type { EventEmitter } from "node:events";
  import type { IncomingMessage, ServerResponse } from "node:http";
  export interface RelayedServerOptions {
    /** Listen URI, e.g. ws://127.0.0.1:9351/$hc/ecs-core?sb-hc-action=listen */
    server: string;
    /** SAS token, or a function called at each connect and hourly renewal. */
    token: string | (() => string);
    /** A moment.duration: sends an unsolicited pong at that interval. */
    keepAliveTimeout?: unknown;
  }
  export interface RelayedServer extends EventEmitter {
    listen(): void;
    close(callback?: () => void): void;
  }
  export function createRelayedServer(
    options: RelayedServerOptions,
    handler: (req: IncomingMessage, res: ServerResponse) => void,
  ): RelayedServer;
  export function createRelayToken(uri: string, keyName: string, key: string, expirySeconds?: number): string;
}
