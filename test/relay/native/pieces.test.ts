/** The native engine's small pure pieces: listener id, renewal timing, relay message parsing. */
import { stableListenerId } from "../../../server/relay/native/listener-id";
import { renewalDelayMs } from "../../../server/relay/native/token-renewal";
import { clientAddressOf, nodeHeaders, parseCommand } from "../../../server/relay/native/wire";

describe("stableListenerId", () => {
  it("is a GUID that stays the same for a host and registration, and differs across either", () => {
    const id = stableListenerId("reg-1", "host-a");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableListenerId("reg-1", "HOST-A")).toBe(id); // host names are case-insensitive
    expect(stableListenerId("reg-2", "host-a")).not.toBe(id);
    expect(stableListenerId("reg-1", "host-b")).not.toBe(id);
  });
});

describe("renewalDelayMs", () => {
  it("renews at 80 % of the lifetime, at least 5 min before expiry, never sooner than 1 s", () => {
    expect(renewalDelayMs(7200)).toBe(5_760_000);
    expect(renewalDelayMs(600)).toBe(300_000);
    expect(renewalDelayMs(2)).toBe(1000);
  });
});

describe("parseCommand", () => {
  it("recognises request (both forms) and accept, and calls everything else `other` without throwing", () => {
    expect(parseCommand('{"request":{"address":"ws://x","id":"1"}}')).toMatchObject({ kind: "request", request: { id: "1" } });
    expect(parseCommand('{"request":{"address":"ws://x","id":"1","method":"GET","requestTarget":"/a"}}')).toMatchObject({ kind: "request", request: { method: "GET" } });
    expect(parseCommand('{"accept":{"address":"ws://x","id":"2"}}')).toMatchObject({ kind: "accept" });
    for (const text of ["not json", "null", "42", '{"request":{"id":5}}', '{"accept":{"address":1,"id":"2"}}', '{"renewToken":{}}']) {
      expect(parseCommand(text)).toEqual({ kind: "other" });
    }
  });

  it("reads the sender's address and merges header names that differ only in case", () => {
    expect(clientAddressOf({ remoteEndpoint: { address: "10.0.0.1" } })).toBe("10.0.0.1");
    expect(clientAddressOf({ remoteEndpoint: { address: "" } })).toBeUndefined();
    expect(nodeHeaders({ Accept: "a", accept: "b", "X-N": 3, Gone: null })).toEqual({ accept: "a, b", "x-n": "3" });
  });
});
