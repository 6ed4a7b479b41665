/**
 * The data plane's side of the request journal (issue 12 item 4): one plain `RequestRecord` per finished relayed
 * request, redacted here in the worker (journal-redaction.ts), collected per listener and handed to the control
 * plane in batches (`requests` events, worker-main.ts), so the hot path costs one small object and no message.
 * The forwarder calls `record` once per request (its call site is one line in forwarder.ts); the journal itself,
 * its ring, metrics and replay live in the plugin (server/plugin/journal/), which knows what to show.
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { BodyStart } from "./body-framing";
import { headerDenySet, recordableHeaders, redactPath } from "./journal-redaction";
import { headOf, recordedBody, sizeOnly } from "./recorded-body";
import type { JournalSettings, RequestRecord, RequestRecordOutcome } from "./protocol";
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
        responseHeaders: recordableHeaders(facts.responseHeaders, this.deny, true),
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
