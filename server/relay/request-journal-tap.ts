/**
 * The data plane's side of the request journal (issue 12 item 4): one plain `RequestRecord` per finished relayed
 * request, redacted here in the worker (journal-redaction.ts), collected per listener and handed to the control
 * plane in batches (`requests` events, worker-main.ts), so the hot path costs one small object and no message.
 * The forwarder calls `record` once per request (its call site is one line in forwarder.ts); the journal itself,
 * its ring, metrics and replay live in the plugin (server/plugin/journal/), which knows what to show.
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { BodyStart } from "./body-framing";
import { headerDenySet, recordableHeaders, redactPath, redactSecrets } from "./journal-redaction";
import type { JournalSettings, RecordedBody, RequestRecord, RequestRecordOutcome } from "./protocol";
import type { RequestOutcome } from "./traffic";
import { stripHybridConnection } from "./target-url";

/** At most this much of a body is kept (issue 12: 4 kB). */
export const BODY_LIMIT = 4096;
/** A listener's batch is handed over early at this size, so a burst never piles up in the worker. */
export const BATCH_LIMIT = 512;

/** What the forwarder learnt about one exchange, beyond the counters' `RequestOutcome`. */
export interface ExchangeFacts {
  /** The status the sender got (the target's, or ours for 413/502/504). */
  status?: number;
  /** The answer was ours (413/502/504 text), not the target's. */
  ownAnswer?: boolean;
  responseHeaders?: IncomingHttpHeaders;
  /** Only when bodies are recorded: the request body as far as it was read whole. */
  requestBody?: BodyStart;
  /** Only when bodies are recorded: a small answer collected whole. */
  responseBody?: Buffer;
}

export class RequestJournalTap {
  private batch: RequestRecord[] = [];
  private readonly deny: ReadonlySet<string>;
  private readonly keepQueryValues: boolean;

  /**
   * @param bodies Whether this registration opted in to bodies (ListenerSpec.recordBodies).
   * @param full Called when the batch reached BATCH_LIMIT (the owner hands it over now).
   */
  constructor(
    private readonly hybridConnectionName: string,
    settings: JournalSettings,
    readonly bodies: boolean,
    private readonly full: () => void,
  ) {
    this.deny = headerDenySet(settings.redactHeaders);
    this.keepQueryValues = settings.keepQueryValues === true;
  }

  /** One finished request; never throws into the forwarder (a broken record is dropped, the request is not). */
  record(req: IncomingMessage, trackingId: string | null | undefined, outcome: RequestOutcome, facts: ExchangeFacts, startedAt: number, clientAddress?: string): void {
    try {
      const { path, queryRedacted } = redactPath(stripHybridConnection(req.url ?? "/", this.hybridConnectionName) || "/", this.keepQueryValues);
      const record: RequestRecord = {
        at: startedAt,
        method: req.method ?? "GET",
        path,
        durationMs: outcome.latencyMs,
        bytesIn: outcome.bytesIn,
        bytesOut: outcome.bytesOut,
        outcome: outcomeOf(outcome, facts),
        headers: recordableHeaders(req.headers, this.deny),
        responseHeaders: recordableHeaders(facts.responseHeaders, this.deny),
      };
      if (facts.status !== undefined) record.status = facts.status;
      if (clientAddress) record.senderAddress = clientAddress;
      if (trackingId) record.trackingId = trackingId;
      if (queryRedacted) record.queryRedacted = true;
      if (this.bodies) this.addBodies(record, req, facts, outcome);
      this.batch.push(record);
      if (this.batch.length >= BATCH_LIMIT) this.full();
    } catch {
      // The journal is a view: a record that cannot be built is not worth a failed request.
    }
  }

  /** The records since the last call, or undefined when there are none. */
  take(): RequestRecord[] | undefined {
    if (this.batch.length === 0) return undefined;
    const out = this.batch;
    this.batch = [];
    return out;
  }

  private addBodies(record: RequestRecord, req: IncomingMessage, facts: ExchangeFacts, outcome: RequestOutcome): void {
    const start = facts.requestBody;
    if (outcome.bytesIn > 0 || (start && start.bytes > 0)) {
      const type = req.headers["content-type"];
      record.requestBody = start?.complete ? recordedBody(headOf(start), type, start.bytes) : sizeOnly(outcome.bytesIn, type);
    }
    if (outcome.bytesOut > 0) {
      const type = facts.responseHeaders?.["content-type"];
      record.responseBody = facts.responseBody ? recordedBody(facts.responseBody, type) : sizeOnly(outcome.bytesOut, type);
    }
  }
}

/** The journal's outcome: the failure class, except a target's own 5xx, which was forwarded as it came. */
export function outcomeOf(outcome: RequestOutcome, facts: ExchangeFacts): RequestRecordOutcome {
  switch (outcome.failure) {
    case undefined:
      return "FORWARDED";
    case "tooLarge":
      return "TOO_LARGE";
    case "targetUnreachable":
      return "BAD_GATEWAY";
    case "targetTimeout":
      return "GATEWAY_TIMEOUT";
    case "aborted":
      return "ABORTED";
    case "targetError":
      return facts.ownAnswer ? "BAD_GATEWAY" : "FORWARDED";
  }
}

/** The first BODY_LIMIT + 1 bytes of a whole body (one more tells a cut): a 100 MiB upload is not copied for 4 kB. */
function headOf(start: BodyStart): Buffer {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for (const chunk of start.chunks) {
    if (bytes > BODY_LIMIT) break;
    chunks.push(chunk.subarray(0, BODY_LIMIT + 1 - bytes));
    bytes += chunks[chunks.length - 1]!.length;
  }
  return Buffer.concat(chunks, bytes);
}

/** A streamed body (never whole in memory): its size only; `truncated` unless its type says binary (size only anyway). */
function sizeOnly(size: number, contentType: string | string[] | undefined): RecordedBody {
  const binary = isBinaryType(contentType);
  return { size, binary, truncated: !binary && size > 0 };
}

function isBinaryType(contentType: string | string[] | undefined): boolean {
  const type = Array.isArray(contentType) ? contentType[0] : contentType;
  return Boolean(type && !TEXT_TYPE.test(type));
}

const TEXT_TYPE = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|graphql|[\w.+-]*\+(json|xml))|multipart\/form-data)/i;

/**
 * At most BODY_LIMIT bytes as text; binary (by type, or bytes that are not UTF-8) as size only. `body` may be just
 * the start of a body of `size` bytes.
 */
export function recordedBody(body: Buffer, contentType: string | string[] | undefined, size = body.length): RecordedBody {
  const head = body.subarray(0, BODY_LIMIT);
  const truncated = size > BODY_LIMIT;
  if (isBinaryType(contentType) || !looksLikeText(head, truncated)) return { size, binary: true, truncated: false };
  let text = head.toString("utf8");
  if (truncated && text.endsWith("\uFFFD")) text = text.slice(0, -1); // a character cut at the limit
  return { size, text: redactSecrets(text), binary: false, truncated };
}

function looksLikeText(bytes: Buffer, cut: boolean): boolean {
  if (bytes.includes(0)) return false;
  try {
    // stream: a character cut at the limit is not an error when the body was cut there.
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: cut });
    return true;
  } catch {
    return false;
  }
}
