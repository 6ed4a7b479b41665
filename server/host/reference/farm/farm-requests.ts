/**
 * Farm requests (contract 2.2, docs/farm.md "System operations across the farm"), the parts both farm
 * implementations share: each plugin's request handlers on this host, answering one request with a reply that is
 * safe to send (a failure becomes a code and a message), and collecting replies until every asked host answered or
 * the deadline passed.
 */
import type { Disposable, FarmReply, FarmRequestHandler, FarmRequestOutcome, Logger } from "../../contract";

/** What a host sends back: its result, or why it has none. */
export type ReplyBody = { result: unknown } | { error: { code: string; message: string } };

/** Codes a handler's failure may carry across the farm (anything else is reported as INTERNAL_SERVER_ERROR). */
const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

export class FarmRequestHandlers {
  private readonly handlers = new Map<string, FarmRequestHandler>();

  constructor(private readonly hostId: string, private readonly logger: Logger) {}

  register(pluginId: string, name: string, handler: FarmRequestHandler): Disposable {
    const key = `${pluginId}/${name}`;
    this.handlers.set(key, handler);
    return { dispose: () => void (this.handlers.get(key) === handler && this.handlers.delete(key)) };
  }

  /** Runs the handler for `pluginId/name`; never rejects. */
  async answer(pluginId: string, name: string, payload: unknown, fromHostId: string): Promise<ReplyBody> {
    const handler = this.handlers.get(`${pluginId}/${name}`);
    if (!handler) return { error: { code: "NOT_FOUND", message: `Host ${this.hostId} has no handler for the farm request ${pluginId}/${name}.` } };
    try {
      return { result: (await handler(payload, fromHostId)) ?? null };
    } catch (error) {
      const { code, message } = error as { code?: unknown; message?: unknown };
      const known = typeof code === "string" && CODE.test(code) && !isSystemError(error);
      if (!known) this.logger.error("farm request handler failed", { request: `${pluginId}/${name}`, from: fromHostId, error });
      // A coded error's message was written for the caller; anything else stays in this host's log.
      return { error: { code: known ? code : "INTERNAL_SERVER_ERROR", message: known && typeof message === "string" ? message : `The farm request failed on host ${this.hostId}; see its log.` } };
    }
  }
}

/** Node's own errors (ERR_…, errno codes such as ECONNREFUSED) carry codes too, but their text was not written for a caller. */
function isSystemError(error: unknown): boolean {
  const e = error as { code?: string; errno?: unknown; syscall?: unknown };
  return e.errno !== undefined || e.syscall !== undefined || (e.code ?? "").startsWith("ERR_");
}

/** Collects replies from `expected` hosts; resolves when all answered or at the deadline, whichever comes first. */
export class ReplyCollector {
  private readonly replies = new Map<string, FarmReply>();
  private readonly started = performance.now();
  private timer: NodeJS.Timeout | undefined;
  private settle!: (outcome: FarmRequestOutcome) => void;
  /** Resolves with the outcome; `missing` (asked-for ids that are not members) count as not answering at once. */
  readonly outcome: Promise<FarmRequestOutcome>;

  constructor(private readonly expected: ReadonlySet<string>, deadlineMs: number, private readonly missing: readonly string[] = []) {
    this.outcome = new Promise((resolve) => (this.settle = resolve));
    if (expected.size === 0) this.finish();
    else this.timer = setTimeout(() => this.finish(), deadlineMs);
  }

  /** Records `hostId`'s reply; ignores hosts not asked, second replies and replies after the outcome. */
  accept(hostId: string, body: ReplyBody): void {
    if (!this.expected.has(hostId) || this.replies.has(hostId) || this.timer === undefined) return;
    const elapsedMs = Math.round((performance.now() - this.started) * 10) / 10;
    this.replies.set(hostId, { hostId, ...body, elapsedMs });
    if (this.replies.size === this.expected.size) this.finish();
  }

  /** Ends the wait now (the host is stopping): hosts that have not answered count as not answering. */
  close(): void {
    if (this.timer !== undefined) this.finish();
  }

  private finish(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const silent = [...this.expected].filter((id) => !this.replies.has(id));
    this.settle({
      replies: [...this.replies.values()].sort((a, b) => a.hostId.localeCompare(b.hostId)),
      notAnswering: [...silent, ...this.missing].sort(),
    });
  }
}

/** Splits the asked-for hosts into members to ask and ids that are not members (reported as not answering). */
export function targetsOf(members: readonly string[], hostIds: readonly string[] | undefined): { asked: Set<string>; missing: string[] } {
  if (!hostIds) return { asked: new Set(members), missing: [] };
  const live = new Set(members);
  return { asked: new Set(hostIds.filter((id) => live.has(id))), missing: [...new Set(hostIds.filter((id) => !live.has(id)))] };
}
