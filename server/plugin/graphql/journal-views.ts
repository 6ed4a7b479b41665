/** Maps journal entries to their GraphQL view. */
import { headerLines } from "../../relay/journal-redaction";
import type { RecordedBody } from "../../relay/protocol";
import type { JournalEntry } from "../journal/request-journal";
import type { RequestReplayer } from "../journal/replay";
import { RelayRequestOutcome, type RelayRequestBody, type RelayRequestEntry } from "./journal.type";

export function journalEntryView(e: JournalEntry, replayer: Pick<RequestReplayer, "refusal">): RelayRequestEntry {
  return {
    id: e.id,
    at: new Date(e.at),
    hostId: e.hostId,
    method: e.method,
    path: e.path,
    status: e.status ?? null,
    durationMs: e.durationMs,
    bytesIn: e.bytesIn,
    bytesOut: e.bytesOut,
    senderAddress: e.senderAddress ?? null,
    trackingId: e.trackingId ?? null,
    outcome: RelayRequestOutcome[e.outcome],
    headers: headerLines(e.headers).map(([name, value]) => ({ name, value })),
    responseHeaders: headerLines(e.responseHeaders).map(([name, value]) => ({ name, value })),
    body: bodyView(e.requestBody),
    responseBody: bodyView(e.responseBody),
    replayable: replayer.refusal(e) === undefined,
  };
}

function bodyView(body: RecordedBody | undefined): RelayRequestBody | null {
  return body ? { size: body.size, text: body.text ?? null, binary: body.binary, truncated: body.truncated } : null;
}
