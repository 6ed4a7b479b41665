/**
 * The data plane's side of the request journal (issue 12 item 4): one record per finished relayed request, redacted
 * here in the worker (journal-redaction.ts), packed into its listener's batch (packed-records.ts: columns, no object
 * per request) and handed to the control plane every 50 ms (worker-main.ts), so the hot path sends no message.
 * The forwarder calls `record` once per request (its call site is one line in forwarder.ts); the journal itself,
 * its ring, metrics and replay live in the plugin (server/plugin/journal/), which knows what to show.
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { BodyStart } from "./body-framing";
import { headerDenySet, recordableHeaders, redactPath } from "./journal-redaction";
import { headOf, recordedBody, sizeOnly } from "./recorded-body";
import { RecordPacker, type PackedRecords, type RecordFields } from "./packed-records";
import type { JournalSettings, RecordedBody, RequestRecordOutcome } from "./protocol";
import type { RequestOutcome } from "./traffic";
import { stripHybridConnection } from "./target-url";

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
  private readonly batch = new RecordPacker(BATCH_LIMIT);
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
      const fields: RecordFields = {
        at: startedAt,
        method: req.method ?? "GET",
        path,
        queryRedacted,
        status: facts.status,
        durationMs: outcome.latencyMs,
        bytesIn: outcome.bytesIn,
        bytesOut: outcome.bytesOut,
        outcome: outcomeOf(outcome, facts),
        senderAddress: clientAddress,
        trackingId,
        headers: recordableHeaders(req.headers, this.deny),
        responseHeaders: recordableHeaders(facts.responseHeaders, this.deny, true),
      };
      if (this.bodies) this.batch.add(fields, requestBodyOf(req, facts, outcome), responseBodyOf(facts, outcome), true);
      else this.batch.add(fields);
      if (this.batch.length >= BATCH_LIMIT) this.full();
    } catch {
      // The journal is a view: a record that cannot be built is not worth a failed request.
    }
  }

  /** The records since the last call (packed for the thread boundary), or undefined when there are none. */
  take(): PackedRecords | undefined {
    return this.batch.take();
  }
}

function requestBodyOf(req: IncomingMessage, facts: ExchangeFacts, outcome: RequestOutcome): RecordedBody | undefined {
  const start = facts.requestBody;
  if (!(outcome.bytesIn > 0 || (start && start.bytes > 0))) return undefined;
  const type = req.headers["content-type"];
  return start?.complete ? recordedBody(headOf(start), type, start.bytes) : sizeOnly(outcome.bytesIn, type);
}

function responseBodyOf(facts: ExchangeFacts, outcome: RequestOutcome): RecordedBody | undefined {
  if (!(outcome.bytesOut > 0)) return undefined;
  const type = facts.responseHeaders?.["content-type"];
  return facts.responseBody ? recordedBody(facts.responseBody, type) : sizeOnly(outcome.bytesOut, type);
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
