/**
 * One webhook attempt: POST the JSON body, succeed on a 2xx answer. Redirects are not followed (a 3xx is a failure:
 * the body and signature must not go elsewhere). No keep-alive agent, so no socket outlives the attempt; the
 * response body is not read. The whole attempt is bounded by `timeoutMs` and by `signal`.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export type PostOutcome = { ok: true; status: number } | { ok: false; detail: string };

export function postJson(url: URL, body: string, headers: Record<string, string>, timeoutMs: number, signal: AbortSignal): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      req.destroy();
      resolve(outcome);
    };
    const request = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = request(url, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), connection: "close", ...headers },
    }, (res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      finish(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, detail: `answered HTTP ${status}` });
    });
    const timer = setTimeout(() => finish({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
    const onAbort = (): void => finish({ ok: false, detail: "stopped" });
    signal.addEventListener("abort", onAbort);
    req.on("error", (error: NodeJS.ErrnoException) => finish({ ok: false, detail: error.code ?? "request failed" }));
    req.end(body);
  });
}
