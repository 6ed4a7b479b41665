/**
 * Forwards one relayed request to the registration's target web service and streams the answer back.
 * Never rejects: every ending (success, 413, 502, 504, sender gone) resolves to a `RequestOutcome` for the counters.
 *
 * Common path (whole-body.ts): a request body already complete in memory (none, or hyco-https's one message) goes
 * out with `end()`, a small answer with a declared length is collected and sent with one `res.end(body)`: no stream
 * objects per request. Otherwise both directions stream through `pipeline()`, so a slow side pauses the other.
 */
import http, { type ClientRequest, type IncomingMessage } from "node:http";
import https from "node:https";
import { pipeline } from "node:stream/promises";
import { TooLargeError, type BodyLimit } from "./body-limit";
import { frameBody, readBodyStart, type BodyStart } from "./body-framing";
import type { ForwardContext } from "./forward-context";
import { copyResponseHead, targetRequestHeaders } from "./forward-headers";
import type { HycoResponse } from "./hyco-internals";
import { RelayClosedError, RelayResponseSink, abandonResponse, discardUnsent, whenSent } from "./relay-response";
import type { ExchangeFacts } from "./request-journal-tap";
import { TargetRefusedError } from "./target-guard";
import { buildTargetLocation, type TargetLocation } from "./target-url";
import type { FailureClass, RequestOutcome } from "./traffic";
import { sendWhole, streamBody } from "./target-upload";
import { bufferedBody, collectBody, isSmallResponse } from "./whole-body";

export { createTargetAgents, type ForwardContext, type ForwardTarget, type TargetAgents } from "./forward-context";

/** Calls `done` exactly once, however the exchange ends (a callback, not a promise: fewer objects per request). */
export function forwardRequest(req: IncomingMessage, res: HycoResponse, ctx: ForwardContext, done: (outcome: RequestOutcome) => void): void {
  new Exchange(req, res, ctx, done).run();
}

type Phase = "requesting" | "responding" | "done";

/** Which address and why stay out of the sender's answer: the sender is not the admin (target-guard.ts). */
const TARGET_REFUSED_TEXT = "Bad Gateway: the relay registration's target address is refused by the plugin's target rules (link-local, cloud metadata or this host's own port).\n";

class Exchange {
  private phase: Phase = "requesting";
  /** Created only for a streamed answer or an error reply. */
  private sink?: RelayResponseSink;
  /** Created only for a request body that is still arriving. */
  private limit?: BodyLimit;
  private bytesIn = 0;
  private bytesOut = 0;
  private failure?: FailureClass;
  /** The answer's head had a header with several values folded into one. */
  private folded = false;
  private readonly started: number;
  private targetReq?: ClientRequest;
  private timer?: NodeJS.Timeout;
  /** The request body is still streaming to the target (native engine): an early small answer waits for its end. */
  private uploading = false;
  /** A small answer the target gave before the upload ended, not yet sent: an over-limit upload still gets 413. */
  private held?: { targetRes: IncomingMessage; body: Buffer };
  /** What the request journal records beyond the counters; only when it is on (ctx.journal). */
  private readonly facts?: ExchangeFacts;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: HycoResponse,
    private readonly ctx: ForwardContext,
    private readonly resolve: (outcome: RequestOutcome) => void,
  ) {
    this.started = this.now();
    if (ctx.journal) this.facts = {};
  }

  run(): void {
    try {
      this.begin();
    } catch {
      this.reply(502, "targetUnreachable", "Bad Gateway: the request could not be forwarded.\n");
    }
  }

  private now(): number {
    return (this.ctx.now ?? Date.now)();
  }

  private begin(): void {
    if (this.ctx.signal.aborted) return this.complete("aborted");
    this.ctx.signal.addEventListener("abort", this.onAbort, { once: true });
    let location: TargetLocation;
    try {
      location = buildTargetLocation(this.ctx.target.targetUrl, this.req.url ?? "/", this.ctx.target.hybridConnectionName);
    } catch {
      return this.reply(502, "targetUnreachable", "Bad Gateway: the target URL of this relay registration is not usable.\n");
    }
    const declared = Number(this.req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > this.ctx.options.maxBodyBytes) return this.replyTooLarge();
    // Bounds the wait for the body too (a relay that never delivers it); restarted once the target is asked.
    this.timer = setTimeout(timedOut, this.ctx.options.targetTimeoutMs, this);
    const whole = bufferedBody(this.req);
    if (whole) return this.sendToTarget(location, whole);
    readBodyStart(this.req).then(
      (start) => this.sendToTarget(location, start),
      // TooLargeError: the body passed the limit while arriving (request-body-guard.ts).
      (error: unknown) => (error instanceof TooLargeError ? this.replyTooLarge() : this.complete("aborted")),
    );
  }

  private sendToTarget(location: TargetLocation, start: BodyStart): void {
    if (this.phase !== "requesting") return; // timed out or aborted while the body was arriving
    if (start.complete && start.bytes > this.ctx.options.maxBodyBytes) return this.replyTooLarge();
    const headers = targetRequestHeaders(this.req.headers, this.ctx.target, this.ctx.clientAddress);
    frameBody(headers, start);
    const secure = location.protocol === "https:";
    const { protocol, hostname, port, path } = location;
    const agent = secure ? this.ctx.agents.https : this.ctx.agents.http;
    this.targetReq = (secure ? https : http).request({ protocol, hostname, port, path, method: this.req.method, headers, agent });
    this.timer?.refresh(); // from here on it counts the target's silence, not the relay's delivery of the body
    this.targetReq.on("response", this.onTargetResponse);
    this.targetReq.on("error", this.onTargetRequestError);
    // The timeout measures the target's silence, not the upload: each body piece the target takes, and the end of
    // the upload, restart it — a large body the target reads steadily is never cut; a target that stops is.
    this.targetReq.on("finish", this.stillTalking);
    if (this.facts && this.ctx.journal?.bodies) this.facts.requestBody = start;
    if (start.complete) {
      this.bytesIn = start.bytes;
      sendWhole(this.targetReq, start, this.stillTalking);
    } else {
      this.uploading = true;
      this.limit = streamBody(this.req, start, this.targetReq, this.ctx.options.maxBodyBytes, this.stillTalking, this.replyTooLarge, this.uploadEnded);
    }
  }

  private readonly stillTalking = (): void => {
    if (this.phase === "requesting") this.timer?.refresh();
  };

  private readonly replyTooLarge = (): void => {
    this.reply(413, "tooLarge", `Payload Too Large: request bodies are limited to ${this.ctx.options.maxBodyBytes} bytes.\n`);
  };

  /** The upload is over (complete or broken off, not over the limit): a held early answer goes to the sender now. */
  private readonly uploadEnded = (): void => {
    if (this.held && !this.req.readableEnded && !this.req.destroyed) return this.dropTheRest();
    this.uploading = false;
    const held = this.held;
    this.held = undefined;
    if (held && this.phase === "requesting") this.answerWhole(held.targetRes, held.body);
  };

  /**
   * The target answered early and hung up on the rest of the upload: the rest is read and dropped, still counted
   * against maxBodyBytes, so the sender gets the same 413 as when the whole body is known first (hyco-https).
   */
  private dropTheRest(): void {
    let bytes = this.limit?.bytes ?? 0;
    this.req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      this.stillTalking();
      if (bytes > this.ctx.options.maxBodyBytes && this.held) {
        this.held = undefined;
        this.replyTooLarge();
      }
    });
    this.req.once("end", () => {
      this.req.removeAllListeners("data");
      this.uploadEnded();
    });
    this.req.resume();
  }

  private readonly onTargetRequestError = (error: Error): void => {
    if (this.phase !== "requesting") return; // we destroyed it ourselves, or the response pipeline reports it
    if (this.held) return this.uploadEnded(); // the target answered, then closed on the rest of the upload
    if (error instanceof TargetRefusedError) return this.reply(502, "targetUnreachable", TARGET_REFUSED_TEXT);
    this.reply(502, "targetUnreachable", "Bad Gateway: the local service could not be reached.\n");
  };

  private readonly onTargetResponse = (targetRes: IncomingMessage): void => {
    if (this.phase !== "requesting") {
      targetRes.destroy();
      return;
    }
    // An early answer (say 404) while the body still streams: held until the upload ends, so an upload that goes
    // over maxBodyBytes meanwhile still gets its 413 (issue 15 item 5) — nothing has left for the sender yet.
    if (this.uploading && isSmallResponse(targetRes)) return collectBody(targetRes, (error, body) => this.holdEarly(targetRes, error, body));
    if (!this.takeHead(targetRes)) return;
    if (isSmallResponse(targetRes)) return collectBody(targetRes, this.onSmallBody);
    const sink = (this.sink = new RelayResponseSink(this.res));
    // A streamed answer's head leaves now where the engine can (native): an SSE stream's headers reach the sender
    // before its first event. hyco-https has no such step (it holds the first 64 KiB).
    (this.res as { flushHead?: () => void }).flushHead?.();
    pipeline(targetRes, sink).then(this.answered, this.onResponseStreamError);
  };

  private holdEarly(targetRes: IncomingMessage, error: Error | undefined, body?: Buffer): void {
    if (this.phase !== "requesting") return; // the 413, a timeout or an abort came first
    if (error || !body) return this.reply(502, "targetError", "Bad Gateway: the local service broke off its answer.\n");
    if (this.uploading) this.held = { targetRes, body };
    else this.answerWhole(targetRes, body);
  }

  /** A small answer collected while the upload went on, sent now with its head. */
  private answerWhole(targetRes: IncomingMessage, body: Buffer): void {
    if (this.takeHead(targetRes)) this.onSmallBody(undefined, body);
  }

  /** The answer begins: its head onto the relay's response. False (and a 502 sent) when the head is unusable. */
  private takeHead(targetRes: IncomingMessage): boolean {
    this.phase = "responding";
    clearTimeout(this.timer);
    const status = targetRes.statusCode ?? 502;
    try {
      this.folded = copyResponseHead(this.res, status, targetRes.statusMessage, targetRes.headers);
    } catch {
      discardUnsent(this.res); // forget whatever part of the head was taken
      this.phase = "requesting";
      this.reply(502, "targetError", "Bad Gateway: the local service sent an invalid response.\n");
      return false;
    }
    this.failure = status >= 500 ? "targetError" : undefined;
    if (this.facts) {
      this.facts.status = status;
      this.facts.responseHeaders = targetRes.headers;
    }
    return true;
  }

  /** A small answer, whole: one `end(body)`, done once hyco-https has handed it to a socket (as the sink's end). */
  private readonly onSmallBody = (error: Error | undefined, body?: Buffer): void => {
    if (this.phase === "done") return;
    if (error || !body) return this.onResponseStreamError(error);
    try {
      this.res.end(body.length > 0 ? body : undefined);
    } catch (endError) {
      return this.onResponseStreamError(endError);
    }
    this.bytesOut = body.length;
    if (this.facts && this.ctx.journal?.bodies) this.facts.responseBody = body;
    whenSent(this.res, this.onSent);
  };

  private readonly onSent = (error?: Error | null): void => {
    if (error) this.onResponseStreamError(error);
    else this.answered();
  };

  private readonly answered = (): void => this.complete(this.failure);

  private readonly onResponseStreamError = (error: unknown): void => {
    if (this.phase === "done") return;
    if (this.ctx.signal.aborted || error instanceof RelayClosedError) return this.complete("aborted");
    // The target broke mid-body. If nothing left yet, the sender gets a clean 502; else its connection is cut.
    if (discardUnsent(this.res)) return this.sendPlain(new RelayResponseSink(this.res), 502, "targetError", "Bad Gateway: the local service broke off its answer.\n");
    abandonResponse(this.req, this.res);
    this.complete("targetError");
  };

  /** Answers with a short plain-text error, unless the answer has begun (then only the outcome is recorded). */
  private reply(status: number, failure: FailureClass, text: string): void {
    if (this.phase !== "requesting") return;
    this.phase = "responding";
    clearTimeout(this.timer);
    this.targetReq?.destroy();
    this.req.resume(); // discard whatever body is left
    this.sendPlain((this.sink ??= new RelayResponseSink(this.res)), status, failure, text);
  }

  private sendPlain(sink: RelayResponseSink, status: number, failure: FailureClass, text: string): void {
    if (this.facts) Object.assign(this.facts, { status, ownAnswer: true, responseHeaders: undefined });
    try {
      this.res.setHeader("content-type", "text/plain; charset=utf-8");
      this.res.writeHead(status);
    } catch {
      // hyco-https validates nothing we pass here; a throw would mean the response is unusable anyway.
    }
    sink.once("finish", () => this.complete(failure));
    sink.once("error", () => this.complete(failure));
    sink.end(Buffer.from(text, "utf8"));
  }

  private readonly onAbort = (): void => {
    if (this.phase === "done") return;
    clearTimeout(this.timer);
    this.targetReq?.destroy();
    this.sink?.destroy();
    this.complete("aborted");
  };

  private complete(failure?: FailureClass): void {
    if (this.phase === "done") return;
    this.phase = "done";
    clearTimeout(this.timer);
    this.ctx.signal.removeEventListener("abort", this.onAbort);
    const bytesIn = this.limit ? this.limit.bytes : this.bytesIn;
    const bytesOut = this.sink ? this.sink.bytes : this.bytesOut;
    const outcome: RequestOutcome = { bytesIn, bytesOut, latencyMs: this.now() - this.started, failure };
    if (this.folded) outcome.foldedHeaders = true;
    if (this.facts) this.ctx.journal?.record(this.req, this.res.requestId, outcome, this.facts, this.started, this.ctx.clientAddress);
    this.resolve(outcome);
  }

  timedOut(): void {
    // The target did answer (held while the upload went on) and the sender stalled: that answer, not a 504.
    const held = this.held;
    this.held = undefined;
    if (held) return this.answerWhole(held.targetRes, held.body);
    this.reply(504, "targetTimeout", "Gateway Timeout: the local service did not answer in time.\n");
  }
}

/** A module-level timer callback: no closure per request. */
function timedOut(exchange: Exchange): void {
  exchange.timedOut();
}
