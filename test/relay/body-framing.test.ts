import type { OutgoingHttpHeaders } from "node:http";
import { PassThrough, Readable } from "node:stream";
import { frameBody, readBodyStart, replayBody } from "../../server/relay/body-framing";

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe("request body framing", () => {
  it("an empty body: complete, and no framing header at all", async () => {
    const start = await readBodyStart(Readable.from([]));
    expect(start).toEqual({ chunks: [], bytes: 0, complete: true });
    const headers: OutgoingHttpHeaders = { "content-length": "99", "x-a": "1" };
    frameBody(headers, start);
    expect(headers).toEqual({ "x-a": "1" });
  });

  it("a body delivered whole (as hyco-https does): its exact Content-Length", async () => {
    const body = new PassThrough();
    body.end(Buffer.alloc(300 * 1024, 1)); // one piece, bigger than the peek limit
    const start = await readBodyStart(body);
    expect(start).toMatchObject({ bytes: 300 * 1024, complete: true });
    const headers: OutgoingHttpHeaders = {};
    frameBody(headers, start);
    expect(headers).toEqual({ "content-length": String(300 * 1024) });
    expect((await collect(replayBody(body, start))).length).toBe(300 * 1024);
  });

  it("a body still arriving past the peek limit: chunked, and replayed whole (start + rest)", async () => {
    const body = new PassThrough();
    body.write(Buffer.alloc(70 * 1024, 1));
    const start = await readBodyStart(body);
    expect(start.complete).toBe(false);
    const headers: OutgoingHttpHeaders = { "content-length": "5" };
    frameBody(headers, start);
    expect(headers).toEqual({ "transfer-encoding": "chunked" });
    const replay = collect(replayBody(body, start));
    body.end(Buffer.alloc(10, 2));
    const all = await replay;
    expect(all.length).toBe(70 * 1024 + 10);
    expect(all.subarray(-10)).toEqual(Buffer.alloc(10, 2));
  });
});
