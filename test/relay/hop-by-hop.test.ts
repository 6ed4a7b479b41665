import { endToEndHeaders, isHopByHop } from "../../server/relay/hop-by-hop";

describe("hop-by-hop headers", () => {
  it("knows the fixed hop-by-hop names in any case, and every Proxy-* header", () => {
    for (const name of ["Connection", "keep-alive", "TE", "Trailer", "transfer-encoding", "Upgrade", "Proxy-Authorization", "proxy-authenticate", "Proxy-Foo"]) {
      expect(isHopByHop(name)).toBe(true);
    }
    for (const name of ["content-type", "authorization", "x-forwarded-for", "cookie", "trailers-x"]) expect(isHopByHop(name)).toBe(false);
  });

  it("drops the fixed ones and those named in Connection, keeps the rest", () => {
    const out = endToEndHeaders({
      connection: "keep-alive, X-Private ,x-other",
      "keep-alive": "timeout=5",
      "x-private": "secret",
      "x-other": "1",
      te: "trailers",
      upgrade: "websocket",
      "content-type": "text/plain",
      "set-cookie": ["a=1", "b=2"],
      "x-kept": "yes",
    });
    expect(out).toEqual({ "content-type": "text/plain", "set-cookie": ["a=1", "b=2"], "x-kept": "yes" });
  });

  it("drops the extra names asked for, and lower-cases names", () => {
    expect(endToEndHeaders({ Host: "a", "Content-Length": "3", Accept: "*/*" }, ["host", "content-length"])).toEqual({ accept: "*/*" });
  });
});
