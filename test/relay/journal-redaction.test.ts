/** The journal's redaction rules (journal-redaction.ts) and body recording (request-journal-tap.ts), as pure functions. */
import { headerDenySet, headerLines, recordableHeaders, redactPath, redactSecrets } from "../../server/relay/journal-redaction";
import { recordedBody } from "../../server/relay/recorded-body";

describe("redactPath", () => {
  it("keeps names and redacts every value by default, and says so", () => {
    expect(redactPath("/a/b?x=1&y=&flag&sig=abc", false)).toEqual({ path: "/a/b?x=REDACTED&y=REDACTED&flag&sig=REDACTED", queryRedacted: true });
    expect(redactPath("/plain", false)).toEqual({ path: "/plain", queryRedacted: false });
    expect(redactPath("/flag?only", false)).toEqual({ path: "/flag?only", queryRedacted: false });
  });

  it("with values kept, still redacts secret-named parameters (any case, percent-encoded names too) and secrets inside values", () => {
    const { path } = redactPath("/x?id=7&SIG=s1&%73ig=s2&code=c&access_token=t&next=%2Fy%3Fsig%3Dzz&u=a;SharedAccessKey=k1", true);
    expect(path).toContain("id=7");
    for (const secret of ["s1", "s2", "=c&", "=t&", "k1"]) expect(path).not.toContain(secret);
    expect(path).toContain("SIG=REDACTED");
    expect(path).toContain("SharedAccessKey=REDACTED");
  });
});

describe("headers", () => {
  it("leaves out the built-in and configured names in any case, and redacts sig= / SharedAccessKey= in the rest", () => {
    const deny = headerDenySet([" X-Api-Key ", ""]);
    const lines = recordableHeaders(
      {
        Authorization: "Bearer a",
        "proxy-authorization": "Basic b",
        cookie: "c=1",
        "set-cookie": ["d=1", "e=2"],
        ServiceBusAuthorization: "SharedAccessSignature sr=x&sig=y",
        "SB-HC-TOKEN": "z",
        "x-api-key": "k",
        "x-url": "https://h/p?sv=1&sig=SECRET&se=2",
        "x-multi": ["one", "two"],
      },
      deny,
    );
    expect(headerLines(lines)).toEqual([
      ["x-url", "https://h/p?sv=1&sig=REDACTED&se=2"],
      ["x-multi", "one"],
      ["x-multi", "two"],
    ]);
  });

  it("keeps one line per value even when a value holds a line break", () => {
    expect(headerLines(recordableHeaders({ "x-a": "one\r\ntwo" }, headerDenySet()))).toEqual([["x-a", "one two"]]);
  });

  it("redactSecrets leaves values without secrets untouched", () => {
    expect(redactSecrets("plain value")).toBe("plain value");
    expect(redactSecrets("Endpoint=sb://n/;SharedAccessKeyName=r;SharedAccessKey=abc=")).toBe("Endpoint=sb://n/;SharedAccessKeyName=r;SharedAccessKey=REDACTED");
  });
});

describe("recordedBody", () => {
  it("keeps text up to 4 kB, cut on a character boundary", () => {
    const text = "é".repeat(3000); // 6000 bytes
    const body = recordedBody(Buffer.from(text), "text/plain; charset=utf-8");
    expect(body).toMatchObject({ size: 6000, binary: false, truncated: true });
    expect(Buffer.byteLength(body.text!)).toBeLessThanOrEqual(4096);
    expect(body.text!.endsWith("\uFFFD")).toBe(false);
  });

  it("shows binary as size only: by content type, or bytes that are not UTF-8", () => {
    expect(recordedBody(Buffer.from("hello"), "image/png")).toEqual({ size: 5, binary: true, truncated: false });
    expect(recordedBody(Buffer.from([0xff, 0xfe, 0x00, 0x01]), undefined)).toEqual({ size: 4, binary: true, truncated: false });
    expect(recordedBody(Buffer.from('{"a":1}'), "application/problem+json")).toEqual({ size: 7, text: '{"a":1}', binary: false, truncated: false });
  });
});
