/**
 * Replay of a journal entry (issue 12 item 4): the recorded request sent again to the registration's local target —
 * never out through the relay — through the same SSRF target guard as relayed traffic (target-guard.ts). Only what
 * was recorded can be replayed: redacted headers (Authorization, Cookie…) are not sent, a path whose query values
 * were redacted is refused, and a request with a body only when the whole body was recorded as text.
 */
import http from "node:http";
import https from "node:https";
import { targetRequestHeaders } from "../../relay/forward-headers";
import { headerLines } from "../../relay/journal-redaction";
import { guardedAgents, type TargetGuard } from "../../relay/target-guard";
import { buildTargetLocation } from "../../relay/target-url";
import type { JournalEntry } from "./request-journal";

/** A replay waits this long for the target's answer (its head); the answer's body is read and dropped. */
export const REPLAY_TIMEOUT_MS = 30_000;

/** The header a replayed request carries, so the target (and its logs) can tell a replay from the original. */
export const REPLAY_HEADER = "x-azure-relay-replay";

/** Why a replay did not happen or failed; each has texts in the tab's server-message catalogues. */
export const REPLAY_PROBLEMS = {
  REPLAY_QUERY_REDACTED: {
    message: "The recorded path had its query values redacted, so a replay would not send the same request; nothing was sent.",
    advice: "Set azure-relay.journalQueryValues=keep to record (and replay) query values; secret ones (sig, SharedAccessKey, tokens) stay redacted.",
  },
  REPLAY_BODY_NOT_RECORDED: {
    message: "This request had a body that was not recorded in full as text (bodies off, over 4 kB, streamed or binary); nothing was sent.",
    advice: "Only requests without a body, or with a fully recorded text body, can be replayed. Turn on recordBodies in the registration's journal settings for later requests.",
  },
  REPLAY_TARGET_REFUSED: {
    message: "The target address is refused by the plugin's target rules (link-local, cloud metadata or this host's own port); nothing was sent.",
    advice: "Point the registration at a local web service, or allow the address with azure-relay.targetAllow if this installation really needs it.",
  },
  REPLAY_TARGET_UNREACHABLE: {
    message: "The local target could not be reached.",
    advice: "Start the local service or fix the registration's target URL, then replay again.",
  },
  REPLAY_TIMEOUT: {
    message: "The local target did not answer the replay within 30 s.",
    advice: "Check the local service; the replayed request may still be running there.",
  },
} as const;
export type ReplayProblemCode = keyof typeof REPLAY_PROBLEMS;

export interface ReplayTarget {
  targetUrl: string;
  hybridConnectionName: string;
  namespace: string;
  secure: boolean;
}

export interface ReplayOutcome {
  ok: boolean;
  status?: number;
  durationMs?: number;
  problem?: { code: ReplayProblemCode; message: string; advice: string };
}

export class RequestReplayer {
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(guard: TargetGuard, private readonly timeoutMs = REPLAY_TIMEOUT_MS) {
    this.agents = guardedAgents(guard);
  }

  /** Why `entry` cannot be replayed, or undefined. */
  refusal(entry: JournalEntry): ReplayProblemCode | undefined {
    if (entry.queryRedacted) return "REPLAY_QUERY_REDACTED";
    const body = entry.requestBody;
    if (entry.bytesIn > 0 && (!body || body.binary || body.truncated || body.text === undefined)) return "REPLAY_BODY_NOT_RECORDED";
    return undefined;
  }

  replay(target: ReplayTarget, entry: JournalEntry): Promise<ReplayOutcome> {
    const refused = this.refusal(entry);
    if (refused) return Promise.resolve(problem(refused));
    // The path as the relay handed it over (hybrid connection first), so the target URL is built exactly as the forwarder does.
    const location = buildTargetLocation(target.targetUrl, `/${target.hybridConnectionName}${entry.path === "/" ? "" : entry.path}`, target.hybridConnectionName);
    const headers = targetRequestHeaders(Object.fromEntries(headerLines(entry.headers)), target, entry.senderAddress);
    delete headers["content-length"];
    const body = entry.bytesIn > 0 ? Buffer.from(entry.requestBody!.text!, "utf8") : undefined;
    if (body) headers["content-length"] = body.length;
    headers[REPLAY_HEADER] = entry.id;
    headers.connection = "close";
    const secure = location.protocol === "https:";
    const started = performance.now();
    return new Promise((resolve) => {
      const request = (secure ? https : http).request({ protocol: location.protocol, hostname: location.hostname, port: location.port, path: location.path, method: entry.method, headers, agent: secure ? this.agents.https : this.agents.http });
      const timer = setTimeout(() => {
        request.destroy();
        resolve(problem("REPLAY_TIMEOUT"));
      }, this.timeoutMs);
      request.on("response", (response) => {
        clearTimeout(timer);
        response.resume();
        response.once("end", () => request.destroy());
        resolve({ ok: true, status: response.statusCode ?? 0, durationMs: performance.now() - started });
      });
      request.on("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve(problem(error.code === "ERR_TARGET_REFUSED" ? "REPLAY_TARGET_REFUSED" : "REPLAY_TARGET_UNREACHABLE"));
      });
      request.end(body);
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

function problem(code: ReplayProblemCode): ReplayOutcome {
  return { ok: false, problem: { code, ...REPLAY_PROBLEMS[code] } };
}
