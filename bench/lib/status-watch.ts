/**
 * Status changes of one registration as they happen, over the host's GraphQL subscription (graphql-ws), stamped
 * with the bench's monotonic clock on arrival. Push beats polling here: a reconnect faster than a poll interval
 * would otherwise go unseen, and the measured time would include up to one interval of polling.
 */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface StatusEvent {
  atMs: number;
  registrationId: string;
  state: string;
  previousState: string | null;
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

const QUERY = `subscription($id: ID) { relayStatusChanged(registrationId: $id) { registrationId previousState status { state } } }`;

export class StatusWatch {
  readonly events: StatusEvent[] = [];
  private readonly client: Client;
  private readonly waiters = new Set<() => void>();
  private readonly unsubscribe: () => void;

  /** Watches one registration, or all of them when `registrationId` is omitted. */
  constructor(host: { url: string; adminToken: string }, registrationId?: string) {
    this.client = createClient({
      url: `${host.url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${host.adminToken}` },
      lazy: false,
      retryAttempts: 0,
    });
    this.unsubscribe = this.client.subscribe<{ relayStatusChanged: { registrationId: string; previousState: string | null; status: { state: string } } }>(
      { query: QUERY, variables: { id: registrationId ?? null } },
      {
        next: (msg) => {
          const change = msg.data?.relayStatusChanged;
          if (!change) return;
          this.events.push({ atMs: nowMs(), registrationId: change.registrationId, state: change.status.state, previousState: change.previousState });
          for (const wake of this.waiters) wake();
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
  }

  /** The first event after `sinceMs` matching `match`, or undefined after `timeoutMs`. */
  async next(sinceMs: number, match: (e: StatusEvent) => boolean, timeoutMs: number): Promise<StatusEvent | undefined> {
    const find = () => this.events.find((e) => e.atMs >= sinceMs && match(e));
    const deadline = nowMs() + timeoutMs;
    while (!find() && nowMs() < deadline) {
      await new Promise<void>((resolve) => {
        const wake = () => (this.waiters.delete(wake), clearTimeout(timer), resolve());
        const timer = setTimeout(wake, Math.max(1, deadline - nowMs()));
        this.waiters.add(wake);
      });
    }
    return find();
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.client.dispose();
  }
}
