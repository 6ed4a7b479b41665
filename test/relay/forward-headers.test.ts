import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { BodyLimit, TooLargeError } from "../../server/relay/body-limit";
import { targetRequestHeaders } from "../../server/relay/forward-headers";

describe("headers towards the target", () => {
  const from = { namespace: "contoso.servicebus.windows.net", secure: true };

  it("appends the sender's address to X-Forwarded-For and sets Proto/Host, overriding what the sender claimed", () => {
    const out = targetRequestHeaders({ "x-forwarded-for": "10.0.0.1", "x-forwarded-host": "evil", "x-forwarded-proto": "http", accept: "*/*" }, from, "203.0.113.5");
    expect(out).toEqual({ accept: "*/*", "x-forwarded-for": "10.0.0.1, 203.0.113.5", "x-forwarded-proto": "https", "x-forwarded-host": "contoso.servicebus.windows.net" });
  });

  it("without the sender's address, passes the prior chain on unchanged (or sets none)", () => {
    expect(targetRequestHeaders({ "x-forwarded-for": "10.0.0.1" }, from)["x-forwarded-for"]).toBe("10.0.0.1");
    expect(targetRequestHeaders({}, from)).not.toHaveProperty("x-forwarded-for");
  });

  it("drops Host (the target gets its own), the relay token and hop-by-hop headers", () => {
    const out = targetRequestHeaders({ host: "relay", servicebusauthorization: "SharedAccessSignature x", "keep-alive": "1", "x-a": "1" }, { namespace: "127.0.0.1:9", secure: false });
    expect(out).toEqual({ "x-a": "1", "x-forwarded-proto": "http", "x-forwarded-host": "127.0.0.1:9" });
  });
});

describe("BodyLimit", () => {
  const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

  it("passes a body up to the limit and counts it", async () => {
    const limit = new BodyLimit(10);
    await pipeline(Readable.from([Buffer.alloc(4), Buffer.alloc(6)]), limit, sink());
    expect(limit.bytes).toBe(10);
  });

  it("fails the stream one byte past the limit", async () => {
    await expect(pipeline(Readable.from([Buffer.alloc(6), Buffer.alloc(5)]), new BodyLimit(10), sink())).rejects.toBeInstanceOf(TooLargeError);
  });
});
