/**
 * Farm requests on Redis pub/sub (docs/farm.md "System operations across the farm"): the asking host PUBLISHes
 * `{id, pluginId, name, payload, from, to, deadlineAt}` on one channel; every host in `to` runs the plugin's handler
 * and PUBLISHes its reply (its acknowledgement) on the asking host's own reply channel. The asked hosts are the
 * members at sending time, so a host whose message or reply is lost, or that is frozen, shows up as not answering —
 * the request needs no persistence, which is why this is pub/sub and not a stream.
 */
import { randomUUID } from "node:crypto";
import type { FarmRequestOptions, FarmRequestOutcome } from "../../contract";
import type { FarmCore } from "./farm-core";
import { ReplyCollector, targetsOf, type ReplyBody } from "./farm-requests";

export const REQUESTS_CHANNEL = "ecs-farm:requests";
export const REPLIES_CHANNEL_PREFIX = "ecs-farm:replies:";

interface WireRequest {
  id: string;
  pluginId: string;
  name: string;
  payload: unknown;
  from: string;
  to: string[];
  /** Epoch ms after which the asker no longer listens: a host that gets the request later (it was frozen) skips it. */
  deadlineAt: number;
}

interface WireReply {
  id: string;
  hostId: string;
  body: ReplyBody;
}

export interface RedisRequestDeps {
  core: FarmCore;
  publish(channel: string, message: string): Promise<unknown>;
  memberIds(): Promise<string[]>;
  /** Throws when Redis cannot be reached (a request would sit in the client's offline queue). */
  requireAvailable(): void;
  onError(error: unknown): void;
}

export class RedisRequests {
  private readonly pending = new Map<string, ReplyCollector>();

  constructor(private readonly deps: RedisRequestDeps) {}

  /** This host's reply channel (subscribe to it beside REQUESTS_CHANNEL). */
  get replyChannel(): string {
    return REPLIES_CHANNEL_PREFIX + this.deps.core.hostId;
  }

  async request(pluginId: string, name: string, payload: unknown, options: FarmRequestOptions): Promise<FarmRequestOutcome> {
    this.deps.requireAvailable();
    const { asked, missing } = targetsOf(await this.deps.memberIds(), options.hostIds);
    const id = randomUUID();
    const collector = new ReplyCollector(asked, options.deadlineMs, missing);
    if (asked.size > 0) {
      this.pending.set(id, collector);
      const request: WireRequest = { id, pluginId, name, payload: payload ?? null, from: this.deps.core.hostId, to: [...asked], deadlineAt: Date.now() + options.deadlineMs };
      await this.deps.publish(REQUESTS_CHANNEL, JSON.stringify(request)).catch((error: unknown) => {
        this.pending.delete(id);
        throw error;
      });
    }
    try {
      return await collector.outcome;
    } finally {
      this.pending.delete(id);
    }
  }

  /** Ends every wait at once (the host is stopping), so no deadline timer outlives the farm. */
  stop(): void {
    for (const collector of this.pending.values()) collector.close();
    this.pending.clear();
  }

  /** A message on REQUESTS_CHANNEL: answer it when it is addressed to this host and still awaited. */
  onRequestMessage(message: string): void {
    const request = parseRequest(message);
    const me = this.deps.core.hostId;
    if (!request || !request.to.includes(me) || Date.now() > request.deadlineAt) return;
    void this.deps.core.requests
      .answer(request.pluginId, request.name, request.payload, request.from)
      .then((body) => this.deps.publish(REPLIES_CHANNEL_PREFIX + request.from, JSON.stringify({ id: request.id, hostId: me, body } satisfies WireReply)))
      .catch(this.deps.onError);
  }

  /** A message on this host's reply channel. */
  onReplyMessage(message: string): void {
    const reply = parseReply(message);
    if (reply) this.pending.get(reply.id)?.accept(reply.hostId, reply.body);
  }
}

const isString = (value: unknown): value is string => typeof value === "string" && value.length > 0 && value.length <= 256;

function parseJson(message: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(message);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function parseRequest(message: string): WireRequest | undefined {
  const r = parseJson(message);
  if (!r || !isString(r.id) || !isString(r.pluginId) || !isString(r.name) || !isString(r.from)) return undefined;
  if (!Array.isArray(r.to) || !r.to.every(isString) || typeof r.deadlineAt !== "number") return undefined;
  return { id: r.id, pluginId: r.pluginId, name: r.name, payload: r.payload, from: r.from, to: r.to, deadlineAt: r.deadlineAt };
}

function parseReply(message: string): WireReply | undefined {
  const r = parseJson(message);
  if (!r || !isString(r.id) || !isString(r.hostId)) return undefined;
  const body = r.body as Record<string, unknown> | null;
  if (typeof body !== "object" || body === null) return undefined;
  if ("result" in body) return { id: r.id, hostId: r.hostId, body: { result: body.result } };
  const error = body.error as { code?: unknown; message?: unknown } | null;
  if (error && isString(error.code) && typeof error.message === "string") return { id: r.id, hostId: r.hostId, body: { error: { code: error.code, message: error.message.slice(0, 1000) } } };
  return undefined;
}
