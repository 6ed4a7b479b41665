/** The reference logger's redaction: every secret shape, in messages and fields, in both output formats. */
import { createLogger } from "../../server/host/reference/logger";
import { redactText } from "../../server/host/reference/redact";

const KEY = "Xy9zQ2mN4pR7sT1uV3wY5aB8cD0eF6gH2iJ4kL6mN8o=";

describe("redaction", () => {
  const secrets: Array<[string, string, string]> = [
    // [label, input, secret fragment that must vanish]
    ["a bare 44-char base64 key", `key is ${KEY} ok`, KEY],
    ["a key in a connection string", `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${KEY}`, KEY],
    ["the whole connection string, keys reordered", `SharedAccessKeyName=Root;SharedAccessKey=abc123secret;Endpoint=sb://ns.servicebus.windows.net/`, "abc123secret"],
    ["an emulator connection string", "Endpoint=sb://127.0.0.1:9000;SharedAccessKeyName=k;SharedAccessKey=shortkey;UseDevelopmentEmulator=true", "shortkey"],
    ["a SAS token", "SharedAccessSignature sr=https%3a%2f%2fns%2fhc&sig=Zm9vYmFyYmF6cXV4%2b%3d&se=1&skn=Root", "Zm9vYmFyYmF6cXV4"],
    ["a SAS token after a header name", "ServiceBusAuthorization: SharedAccessSignature sr=a&sig=S1gnature&se=2&skn=k", "S1gnature"],
    ["a sig= query parameter", "GET /$hc/x?sb-hc-action=listen&sb-hc-token=a&sig=SiGvAlUe%3D&se=9", "SiGvAlUe"],
    ["a case-varied key name", `sharedaccesskey=${KEY.slice(0, 20)}`, KEY.slice(0, 20)],
  ];

  it.each(secrets)("removes %s", (_label, input, secret) => {
    const out = redactText(input);
    expect(out).not.toContain(secret);
    expect(out).toContain("[REDACTED]");
  });

  it("acts on secrets, not on words: the parser's own messages pass unchanged", () => {
    const messages = [
      "Endpoint is missing — a connection string starts with Endpoint=sb://<namespace>.servicebus.windows.net/",
      "The connection string starts with Endpoint=sb://ns.servicebus.windows.net/ but SharedAccessKeyName is missing — add the policy name",
      "SharedAccessSignature cannot be combined with SharedAccessKeyName/SharedAccessKey — use either the key pair or the signature",
      "SharedAccessKeyName is missing — add the policy name, e.g. SharedAccessKeyName=RootManageSharedAccessKey",
      "SharedAccessSignature must be a token of the form 'SharedAccessSignature sr=…&sig=…&se=…&skn=…'",
      "add it as SharedAccessKey=<key> or sig=<signature>",
    ];
    for (const message of messages) expect(redactText(message)).toBe(message);
    // …while the same shapes carrying a secret are still caught.
    expect(redactText("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessSignature=SharedAccessSignature sr=a&sig=S3cr3tSig&se=1&skn=k")).not.toContain("S3cr3tSig");
  });

  it("leaves ordinary text alone", () => {
    const text = "registration 7f3c added for hc1 at https://ns.servicebus.windows.net/hc1 (attempt 2)";
    expect(redactText(text)).toBe(text);
  });

  it("redacts fields deeply (strings, nested objects, arrays, errors, secret-named fields) in JSON and text output", () => {
    for (const format of ["json", "text"] as const) {
      const lines: string[] = [];
      const log = createLogger({ write: (l) => void lines.push(l), format, level: "debug" }).child({ plugin: "p" });
      log.error(`failed with ${KEY}`, {
        input: `SharedAccessKey=${KEY}`,
        nested: { deeper: [{ value: `sig=${KEY}` }] },
        password: "hunter2-hunter2",
        connectionString: "anything at all",
        error: new Error(`Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=${KEY}`),
      });
      const text = lines.join("\n");
      expect(text).not.toContain(KEY);
      expect(text).not.toContain("hunter2");
      expect(text).not.toContain("anything at all");
      expect(text).toContain("failed with");
      expect(text).toContain("plugin");
    }
  });

  it("writes one JSON object per line with time, level and message, and honours the level", () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => void lines.push(l), format: "json", level: "info" });
    log.debug("hidden");
    log.info("shown", { n: 1 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: "info", msg: "shown", n: 1, time: expect.any(String) });
  });

  it("survives circular fields", () => {
    const lines: string[] = [];
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    createLogger({ write: (l) => void lines.push(l), format: "json" }).info("cycle", { a });
    expect(JSON.parse(lines[0]).a).toEqual({ name: "a", self: "[Circular]" });
  });
});
