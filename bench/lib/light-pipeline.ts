/**
 * Preload for the `light-pipeline` experiment, injected into the host's worker threads (experiments.ts): replaces `stream/promises.pipeline` with a `.pipe()` chain that settles on the last
 * stream's 'finish' or the first error. Node 20's pipeline creates an AbortController per call and aborts it on
 * finish (a DOMException with a stack each time); this measures what that costs the relay per request.
 * Only for successful-path benchmarking: error semantics are simplified (first error destroys every stream).
 */
import type { Stream, Writable } from "node:stream";

type AnyStream = Stream & { destroy(error?: Error): void };

function lightPipeline(...streams: AnyStream[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      for (const s of streams) s.destroy();
      reject(error);
    };
    for (const s of streams) s.once("error", fail);
    for (let i = 0; i < streams.length - 1; i++) (streams[i] as unknown as NodeJS.ReadableStream).pipe(streams[i + 1] as unknown as Writable);
    const last = streams[streams.length - 1];
    last.once("finish", () => {
      if (!settled) (settled = true), resolve();
    });
    last.once("close", () => fail(new Error("premature close")));
  });
}

if ((process.env.BENCH_EXPERIMENTS ?? "").split(",").includes("light-pipeline")) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require("node:stream/promises") as { pipeline: unknown }).pipeline = lightPipeline;
}
