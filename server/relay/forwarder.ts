/**
 * Forwards one relayed request to the registration's target web service and streams the answer back.
 * Never rejects: every ending (success, 413, 502, 504, sender gone) resolves to a `RequestOutcome` for the counters.
 *
 * Streaming: request body relay → target and response body target → relay both go through `pipeline()`, so a slow
 * side pauses the other. (hyco-https itself delivers a request body as one WebSocket message; we never add to it.)
 */
import http, { type ClientRequest, type IncomingMessage } from "node:http";
import https from "node:https";
import { pipeline } from "node:stream/promises";
import { BodyLimit, TooLargeError } from "./body-limit";
import { frameBody, readBodyStart, replayBody, type BodyStart } from "./body-framing";
import type { ForwardContext } from "./forward-context";
import { copyResponseHead, targetRequestHeaders } from "./forward-headers";
import type { HycoResponse } from "./hyco-internals";
import { RelayClosedError, RelayResponseSink, abandonResponse, discardUnsent } from "./relay-response";
import { buildTargetLocation, type TargetLocation } from "./target-url";
import type { FailureClass, RequestOutcome } from "./traffic";

export { createTargetAgents, type ForwardContext, type ForwardTarget, type TargetAgents } from "./forward-context";

export function forwardRequest(req: IncomingMessage, res: HycoResponse, ctx: ForwardContext): Promise<RequestOutcome> {
  return new Exchange(req, res, ctx).run();
}

type Phase = "requesting" | "responding" | "done";

class Exchange {
  private phase: Phase = "requesting";
  private readonly sink: RelayResponseSink;
  private readonly limit: BodyLimit;
  private readonly started: number;
  private targetReq?: ClientRequest;
  private timer?: NodeJS.Timeout;
  private resolve!: (outcome: RequestOutcome) => void;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: HycoResponse,
    private readonly ctx: ForwardContext,
  ) {
    this.sink = new RelayResponseSink(res);
    this.limit = new BodyLimit(ctx.options.maxBodyBytes);
    this.started = this.now();
  }

  run(): Promise<RequestOutcome> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      try {
        this.begin();
      } catch {
        this.reply(502, "targetUnreachable", "Bad Gateway: the request could not be forwarded.\n");
      }
    });
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
    this.timer = setTimeout(() => this.reply(504, "targetTimeout", "Gateway Timeout: the local service did not answer in time.\n"), this.ctx.options.targetTimeoutMs);
    readBodyStart(this.req).then(
      (start) => this.sendToTarget(location, start),
      () => this.complete("aborted"),
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
    this.targetReq.on("response", (targetRes) => this.onTargetResponse(targetRes));
    this.targetReq.on("error", (error) => this.onTargetRequestError(error));
    pipeline(replayBody(this.req, start), this.limit, this.targetReq).catch((error: unknown) => {
      if (error instanceof TooLargeError) this.replyTooLarge();
      // Other errors surface as the target request's own 'error' (handled there) or an abort.
    });
    // The timeout measures the target's silence, not the upload: each body piece the target takes, and the end of
    // the upload, restart it — a large body the target reads steadily is never cut; a target that stops is.
    this.limit.on("data", this.stillTalking);
    this.targetReq.on("finish", this.stillTalking);
  }

  private readonly stillTalking = (): void => {
    if (this.phase === "requesting") this.timer?.refresh();
  };

  private replyTooLarge(): void {
    this.reply(413, "tooLarge", `Payload Too Large: request bodies are limited to ${this.ctx.options.maxBodyBytes} bytes.\n`);
  }

  private onTargetRequestError(_error: Error): void {
    if (this.phase !== "requesting") return; // we destroyed it ourselves, or the response pipeline reports it
    this.reply(502, "targetUnreachable", "Bad Gateway: the local service could not be reached.\n");
  }

  private onTargetResponse(targetRes: IncomingMessage): void {
    if (this.phase !== "requesting") {
      targetRes.destroy();
      return;
    }
    this.phase = "responding";
    clearTimeout(this.timer);
    const status = targetRes.statusCode ?? 502;
    try {
      copyResponseHead(this.res, status, targetRes.statusMessage, targetRes.headers);
    } catch {
      discardUnsent(this.res); // forget whatever part of the head was taken
      this.phase = "requesting";
      return this.reply(502, "targetError", "Bad Gateway: the local service sent an invalid response.\n");
    }
    const failure: FailureClass | undefined = status >= 500 ? "targetError" : undefined;
    pipeline(targetRes, this.sink).then(
      () => this.complete(failure),
      (error: unknown) => this.onResponseStreamError(error),
    );
  }

  private onResponseStreamError(error: unknown): void {
    if (this.phase === "done") return;
    if (this.ctx.signal.aborted || error instanceof RelayClosedError) return this.complete("aborted");
    // The target broke mid-body. If nothing left yet, the sender gets a clean 502; else its connection is cut.
    if (discardUnsent(this.res)) return this.sendPlain(new RelayResponseSink(this.res), 502, "targetError", "Bad Gateway: the local service broke off its answer.\n");
    abandonResponse(this.req, this.res);
    this.complete("targetError");
  }

  /** Answers with a short plain-text error, unless the answer has begun (then only the outcome is recorded). */
  private reply(status: number, failure: FailureClass, text: string): void {
    if (this.phase !== "requesting") return;
    this.phase = "responding";
    clearTimeout(this.timer);
    this.targetReq?.destroy();
    this.req.resume(); // discard whatever body is left
    this.sendPlain(this.sink, status, failure, text);
  }

  private sendPlain(sink: RelayResponseSink, status: number, failure: FailureClass, text: string): void {
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
    this.sink.destroy();
    this.complete("aborted");
  };

  private complete(failure?: FailureClass): void {
    if (this.phase === "done") return;
    this.phase = "done";
    clearTimeout(this.timer);
    this.ctx.signal.removeEventListener("abort", this.onAbort);
    this.resolve({ bytesIn: this.limit.bytes, bytesOut: this.sink.bytes, latencyMs: this.now() - this.started, failure });
  }
}
